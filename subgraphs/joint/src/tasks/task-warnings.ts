import { Field, ObjectType } from 'type-graphql';
import { PUBLICATION_DEADLINE_WORKING_DAYS } from './due-date';
import type { WorkingDayCalendar } from '../calendar/working-days';
import type { InspectionTask } from './inspection-task.entity';
import { TaskStatus } from './task-enums';

/** Something a coordinator should look at before going on; nothing is refused. */
@ObjectType({ description: '提示 — something about a task worth checking; it does not stop the task' })
export class TaskWarning {
  @Field({ description: 'RATIO_BELOW_ITEM · CALENDAR_NOT_LOADED' })
  code!: string;

  @Field()
  message!: string;
}

function percent(bp: number): string {
  return `${Number((bp / 100).toFixed(2))}%`;
}

/**
 * The warnings of a task, shown from creation on (and so in the answers of
 * createInspectionTask and commitInspectionTask):
 *   RATIO_BELOW_ITEM — the normal-stratum ratio is below an item's published
 *     抽查比例, so this task inspects fewer entities than the item list promises
 *     (ratios are basis points: 500 is 5 %, and `ratioBp: 5` is 0.05 %);
 *   CALENDAR_NOT_LOADED — the period's results would be due in a year whose
 *     official calendar is not loaded, so their deadline is counted Monday–Friday.
 */
export function taskWarnings(task: InspectionTask, calendar: WorkingDayCalendar): TaskWarning[] {
  const warnings: TaskWarning[] = [];
  const finished = task.status === TaskStatus.PUBLISHED || task.status === TaskStatus.CANCELLED;
  for (const item of task.itemSnapshots) {
    // Tasks committed before snapshots carried the ratio have none to compare with.
    if (item.ratioBp === undefined || task.ratioBp >= item.ratioBp) continue;
    warnings.push({
      code: 'RATIO_BELOW_ITEM',
      message:
        `本任务一般风险抽查比例 ${percent(task.ratioBp)}（ratioBp ${task.ratioBp}）低于抽查事项 ${item.code}「${item.name}」公布的抽查比例 ${percent(item.ratioBp)}（${item.ratioBp}），` +
        `抽查的户数将少于清单公布的比例；比例以基点计，10000 为 100%，500 为 5% ` +
        `(the task's ratio, ${task.ratioBp} bp, is below the ${item.ratioBp} bp that item ${item.code} publishes; ratios are basis points, 500 is 5 %)`,
    });
  }
  if (!finished) {
    const due = calendar.addWorkingDays(task.periodEnd, PUBLICATION_DEADLINE_WORKING_DAYS);
    if (!due.calendarVerified) {
      warnings.push({
        code: 'CALENDAR_NOT_LOADED',
        message:
          `检查期限至 ${task.periodEnd}，结果公示期限将落在官方节假日安排尚未导入的年份，暂按周一至周五计算（至 ${due.date}）；请督查考核人员用 loadCalendarYear 导入该年安排 ` +
          `(results of this period fall due in a year whose official calendar is not loaded, counted Monday to Friday for now; a supervisor loads it with loadCalendarYear)`,
      });
    }
  }
  return warnings;
}
