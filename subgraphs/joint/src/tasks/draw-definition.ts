/**
 * What a task's definition fixes for SSJ-DRAW-2 beside its items: the beacon declaration and the
 * class ratios (docs/draw-algorithm.md §1–§2). Both are edited while the task is a DRAFT and
 * frozen by the commit.
 */
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../../../common/scalars';
import type { FieldProblem } from '../../../../common/problems';
import { textProblem } from '../../../../common/text';

/** 抽查比例 per class in basis points, as docs/draw-algorithm.md §2 names them. */
export type ClassRatios = { A: number; B: number; C: number; D: number };

@InputType({ description: '公开随机数声明 — the future public value the seed will use, named before it exists' })
export class BeaconDeclarationInput {
  @Field({ description: 'What the value is and how it is written, e.g. "福彩3D 2026年第330期开奖号码（三位数字，以空格分隔）"' })
  source!: string;

  @Field(() => DateScalar, { description: 'The day it becomes public (Asia/Shanghai): from the commit day to 30 days after it' })
  date!: string;
}

@ObjectType({ description: '公开随机数声明 — fixed at commit; the draw refuses before its date' })
export class BeaconDeclaration {
  @Field()
  source!: string;

  @Field(() => DateScalar)
  date!: string;
}

@InputType({ description: '分类抽查比例 — per credit-risk class, basis points (500 = 5 %), 0 ≤ a ≤ b ≤ c ≤ d ≤ 10000' })
export class ClassRatiosInput {
  @Field(() => Int)
  a!: number;

  @Field(() => Int)
  b!: number;

  @Field(() => Int)
  c!: number;

  @Field(() => Int)
  d!: number;
}

@ObjectType({ description: '分类抽查比例 — basis points per credit-risk class' })
export class ClassRatiosView {
  @Field(() => Int)
  a!: number;

  @Field(() => Int)
  b!: number;

  @Field(() => Int)
  c!: number;

  @Field(() => Int)
  d!: number;
}

/** The stored form of a task's class ratios (null: derived from ratioBp and highRiskRatioBp). */
export type StoredClassRatios = ClassRatios;

/** §2 — the ratios a task draws with: its own, or ratioBp for A and B and highRiskRatioBp for C and D. */
export function effectiveClassRatios(task: { classRatios?: StoredClassRatios | null; ratioBp: number; highRiskRatioBp: number }): ClassRatios {
  if (task.classRatios) return { A: task.classRatios.A, B: task.classRatios.B, C: task.classRatios.C, D: task.classRatios.D };
  return { A: task.ratioBp, B: task.ratioBp, C: task.highRiskRatioBp, D: task.highRiskRatioBp };
}

export function classRatiosOf(input: ClassRatiosInput): ClassRatios {
  return { A: input.a, B: input.b, C: input.c, D: input.d };
}

/** The definition's class ratios and beacon declaration, checked as far as they can be before the commit day is known. */
export function drawDefinitionProblems(input: { classRatios?: ClassRatiosInput | null; beacon?: BeaconDeclarationInput | null; kind: string }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const ratios = input.classRatios;
  if (ratios) {
    const values = [ratios.a, ratios.b, ratios.c, ratios.d];
    const ordered = values.every((value, index) => Number.isInteger(value) && value >= 0 && value <= 10000 && (index === 0 || values[index - 1]! <= value));
    if (!ordered) {
      problems.push({
        field: 'classRatios',
        code: 'INVALID_CLASS_RATIOS',
        message: `分类抽查比例须满足 0 ≤ A ≤ B ≤ C ≤ D ≤ 10000 个基点，收到 A ${ratios.a}、B ${ratios.b}、C ${ratios.c}、D ${ratios.d} (class ratios need 0 ≤ a ≤ b ≤ c ≤ d ≤ 10000 basis points)`,
      });
    } else if (input.kind === 'DIRECTED' && values.some((value) => value !== 10000)) {
      problems.push({
        field: 'classRatios',
        code: 'INVALID_CLASS_RATIOS',
        message: '定向抽查的各类抽查比例均为 10000（全部检查）(a DIRECTED task inspects every named entity: every class ratio is 10000)',
      });
    }
  }
  // The algorithm's own rule (docs/draw-algorithm.md §12) is checked again at commit; this one says it in the office's words.
  const sourceProblem = input.beacon ? textProblem(input.beacon.source, { field: 'beacon.source', label: '公开随机数来源', max: 200 }) : null;
  if (sourceProblem) problems.push({ field: 'beacon.source', message: sourceProblem });
  return problems;
}
