import iconv from 'iconv-lite';
import { batchesOf } from '../../scripts/import/batches';
import { detectKind, mapColumns } from '../../scripts/import/columns';
import { decodeText } from '../../scripts/import/encoding';
import { choiceOf, dateOf, listOf, TARGET_KINDS } from '../../scripts/import/values';

describe('reading CSV bytes whatever Excel saved them as', () => {
  const text = '统一社会信用代码,名称\r\n91411000MA00000015,许昌市鑫源宾馆\r\n';

  it('reads UTF-8 with and without a byte-order mark', () => {
    expect(decodeText(Buffer.from(text, 'utf8'))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]))).toEqual({ text, encoding: 'utf-8' });
  });

  it('falls back to GB18030 when the bytes are not valid UTF-8', () => {
    expect(decodeText(iconv.encode(text, 'gb18030'))).toEqual({ text, encoding: 'gb18030' });
    // Characters outside GBK, which only GB18030's four-byte forms carry.
    const rare = '𠀀商行,䶮记\r\n';
    expect(decodeText(iconv.encode(rare, 'gb18030'))).toEqual({ text: rare, encoding: 'gb18030' });
  });

  it('reads UTF-16 “Unicode text” by its byte-order mark', () => {
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toEqual({ text, encoding: 'utf-16le' });
  });
});

describe('cells', () => {
  it('reads dates as the bureau writes them, and Excel date cells and day numbers', () => {
    expect(dateOf('2027-03-05', '有效期')).toEqual({ ok: true, value: '2027-03-05' });
    expect(dateOf('2027/3/5', '有效期')).toEqual({ ok: true, value: '2027-03-05' });
    expect(dateOf('2027年3月5日', '有效期')).toEqual({ ok: true, value: '2027-03-05' });
    expect(dateOf(new Date(Date.UTC(2027, 2, 5)), '有效期')).toEqual({ ok: true, value: '2027-03-05' });
    expect(dateOf(46451, '有效期')).toEqual({ ok: true, value: '2027-03-05' });
    expect(dateOf('2027-02-29', '有效期')).toMatchObject({ ok: false, message: expect.stringContaining('不是有效日期') });
    expect(dateOf('05/03/2027', '有效期').ok).toBe(false);
    expect(dateOf(null, '有效期')).toMatchObject({ ok: false, message: expect.stringContaining('不能为空') });
  });

  it('splits categories on every separator clerks use', () => {
    expect(listOf('旅馆、印章刻制，典当,娱乐场所;网吧；保安服务公司\n剧毒化学品')).toEqual([
      '旅馆',
      '印章刻制',
      '典当',
      '娱乐场所',
      '网吧',
      '保安服务公司',
      '剧毒化学品',
    ]);
    expect(listOf(' 旅馆 、 ')).toEqual(['旅馆']);
    expect(listOf(null)).toEqual([]);
  });

  it('takes a kind in Chinese or as the API enum', () => {
    expect(choiceOf('个体工商户', '类型', TARGET_KINDS)).toEqual({ ok: true, value: 'INDIVIDUAL_BUSINESS' });
    expect(choiceOf('farmer_cooperative', '类型', TARGET_KINDS)).toEqual({ ok: true, value: 'FARMER_COOPERATIVE' });
    expect(choiceOf('企 业', '类型', TARGET_KINDS)).toEqual({ ok: true, value: 'ENTERPRISE' });
    expect(choiceOf('集体', '类型', TARGET_KINDS).ok).toBe(false);
  });
});

describe('headers', () => {
  it('tells targets from inspectors and maps Chinese, English and annotated headers', () => {
    expect(detectKind(['统一社会信用代码', '名称'])).toBe('targets');
    expect(detectKind(['编号', '姓名', '执法证号'])).toBe('inspectors');
    expect(detectKind(['id', 'name', 'certificateValidUntil'])).toBe('inspectors');
    expect(detectKind(['名称', '地址'])).toBeNull();
    // A credit-class sheet carries a USCC too: its class column tells it from a target directory.
    expect(detectKind(['统一社会信用代码', '信用风险分类', '分类来源', '分类日期'])).toBe('credit-classes');
    expect(detectKind(['uscc', 'riskClass', 'source', 'assessedOn'])).toBe('credit-classes');
    expect(mapColumns(['社会信用代码', '风险分类', '来源', '评估日期'], 'credit-classes').missing).toEqual([]);
    const map = mapColumns(['*统一社会信用代码', 'Name', '类型', '经营范围', '住所（经营场所）', '类别（多个用、分隔）', '备注'], 'targets');
    expect(map.missing).toEqual([]);
    expect(map.unknown).toEqual(['备注']);
    expect(map.columns.get('address')).toEqual({ index: 4, header: '住所（经营场所）' });
  });
});

describe('batches', () => {
  it("keeps every call well under the gateway's 1 MB body limit, even with long business scopes", () => {
    const scope = '经'.repeat(2000);
    const rows = Array.from({ length: 1000 }, (_, i) => ({ rowNumber: i + 2, input: { uscc: String(i).padStart(18, '0'), scope } }));
    const batches = batchesOf(rows);
    expect(batches.flat()).toEqual(rows);
    for (const batch of batches) expect(Buffer.byteLength(JSON.stringify({ rows: batch.map((row) => row.input) }))).toBeLessThan(700 * 1024);
    expect(batchesOf(rows.map((row) => ({ ...row, input: { uscc: row.input.uscc } })))).toHaveLength(1);
  });
});
