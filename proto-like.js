const { MikroORM, EntitySchema, raw } = require('@mikro-orm/core');
const { BetterSqliteDriver } = require('@mikro-orm/better-sqlite');
const T = new EntitySchema({ name: 'T', tableName: 't', properties: { id: { type: 'number', primary: true }, name: { type: 'string' } } });
(async () => {
  const orm = await MikroORM.init({ driver: BetterSqliteDriver, dbName: ':memory:', entities: [T], allowGlobalContext: true, debug: true });
  await orm.schema.createSchema();
  const em = orm.em.fork();
  for (const [id, name] of [
    [1, 'a_b'],
    [2, 'axb'],
    [3, '100%'],
    [4, 'back\\slash'],
  ])
    em.persist(em.create(T, { id, name }));
  await em.flush();
  const esc = (s) => s.replace(/[\\%_]/g, (c) => '\\' + c);
  const find = (text) => em.fork().find(T, { $and: [{ id: { $gt: 0 } }, { [raw((alias) => `${alias}.name like ? escape '\\'`, [`%${esc(text)}%`])]: [] }] });
  console.log(
    (await find('a_b')).map((r) => r.name),
    (await find('%')).map((r) => r.name),
    (await find('\\')).map((r) => r.name),
  );
  const count = await em.fork().count(T, { $or: [{ [raw((alias) => `${alias}.name like ? escape '\\'`, ['%x%'])]: [] }, { id: 1 }] });
  console.log('count', count);
  await orm.close();
})();
