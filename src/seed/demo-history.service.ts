import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import { runInContext } from '../access/request-context';
import { CalendarService } from '../calendar/calendar.service';
import { addDays } from '../calendar/work-calendar';
import { Env } from '../config/env';
import { ExtensionsService } from '../extensions/extensions.service';
import { ProgressService } from '../progress/progress.service';
import { RemindersService } from '../reminders/reminders.service';
import { ReminderScanService } from '../reminders/reminder-scan.service';
import type { LightCountsDto } from '../supervision/dto/supervision.dto';
import { SupervisionService } from '../supervision/supervision.service';
import { AcknowledgementsService } from '../tasks/acknowledgements.service';
import { daysBetween } from '../tasks/task-rules';
import { TaskLifecycleService } from '../tasks/task-lifecycle.service';
import { TasksService } from '../tasks/tasks.service';
import { DemoTimeline } from './demo-timeline';
import { DemoRepository } from './demo.repository';
import { DEMO_DAY, NOTICE_DAY, planDemoYear, type DemoAction, type YearTask } from './demo-year';
import { hashOf } from './prng';

export interface DemoHistoryResult {
  asOf: string;
  totals: LightCountsDto;
  reports: number;
  reminders: number;
  remindersRead: number;
}

/**
 * Lives the 济源 demo year from the notice to DEMO_DAY through the services, each step as the user who would take
 * it (a unit's clerk, the office) and dated to its day: what planDemoYear planned, the real reminder scan on each
 * working day, and clerks reading about half their reminders within three days.
 */
@Injectable()
export class DemoHistoryService {
  private readonly logger = new Logger('seed');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly moduleRef: ModuleRef,
    private readonly env: Env,
  ) {}

  private service<T>(type: new (...args: never[]) => T): T {
    return this.moduleRef.get(type, { strict: false });
  }

  /** The timeline the import itself runs on, so that assignments date from the notice day. */
  timeline(): DemoTimeline {
    return new DemoTimeline(this.dataSource, this.env);
  }

  async live(planId: string): Promise<DemoHistoryResult> {
    const timeline = this.timeline();
    const actors = await this.actors();
    const supervisor = actors.get('duchashi')!;
    const clerk = (unitId: string) => {
      const actor = actors.get(unitId);
      if (!actor) throw new Error(`demo seed: no user for unit ${unitId}`);
      return actor;
    };
    const as = <T>(actor: Actor, fn: () => Promise<T>) => runInContext({ requestId: null, ip: null, actor }, fn);
    const calendar = await this.service(CalendarService).load();
    const byDay = planDemoYear(await this.tasks(planId), calendar, await new DemoRepository(this.dataSource).reportCutoffDay(planId));

    const progress = this.service(ProgressService);
    const lifecycle = this.service(TaskLifecycleService);
    const extensions = this.service(ExtensionsService);
    const acknowledgements = this.service(AcknowledgementsService);
    const reminders = this.service(RemindersService);
    const scanner = this.service(ReminderScanService);
    const tasks = this.service(TasksService);
    const pendingExtension = new Map<string, string>();

    const run = async (action: DemoAction): Promise<unknown> => {
      const id = action.task.id;
      switch (action.kind) {
        case 'setDueDate': {
          const { version } = await as(supervisor, () => tasks.get(id));
          return as(supervisor, () => lifecycle.update(id, { dueDate: action.dueDate, version }, undefined));
        }
        case 'acknowledge':
          return as(clerk(action.unit), () => acknowledgements.acknowledge(id));
        case 'report':
          return as(clerk(action.unit), () =>
            progress.create(id, { summary: action.summary, percent: action.percent, problems: action.problems }),
          );
        case 'requestCompletion':
          return as(clerk(action.unit), () => lifecycle.requestCompletion(id, { summary: action.summary }));
        case 'reviewCompletion':
          return as(supervisor, () => lifecycle.reviewCompletion(id, { decision: action.decision, comment: action.comment }));
        case 'requestExtension': {
          const request = await as(clerk(action.unit), () => extensions.request(id, { dueDate: action.dueDate, reason: action.reason }));
          pendingExtension.set(id, request.id);
          return request;
        }
        case 'reviewExtension':
          return as(supervisor, () => extensions.review(pendingExtension.get(id)!, { decision: action.decision, comment: action.comment }));
        case 'suspend':
          return as(supervisor, () => lifecycle.suspend(id, action.reason));
        case 'cancel':
          return as(supervisor, () => lifecycle.cancel(id, action.reason));
      }
    };

    let remindersRead = 0;
    for (let day = NOTICE_DAY; day <= DEMO_DAY; day = addDays(day, 1)) {
      const actions = byDay.get(day) ?? [];
      const working = calendar.isWorkday(day);
      if (!working && actions.length === 0) continue;
      await timeline.onDay(day, async () => {
        // The 09:00 scan comes before the day's work, as the worker's schedule has it.
        if (working) await as(supervisor, () => scanner.scan(day));
        for (const action of actions) await run(action);
        if (working) {
          for (const reminder of await this.remindersToRead(day)) {
            await as(clerk(reminder.unitId), () => reminders.markRead(reminder.id));
            remindersRead++;
          }
        }
      });
    }

    const summary = await as(supervisor, () => this.service(SupervisionService).summary({ planId, asOf: DEMO_DAY }));
    const counts = await new DemoRepository(this.dataSource).counts();
    const result = { asOf: DEMO_DAY, totals: summary.totals, reports: counts.reports, reminders: counts.reminders, remindersRead };
    this.logger.log(`Demo history to ${DEMO_DAY}: ${counts.reports} progress reports, ${counts.reminders} reminders (${remindersRead} read)`);
    this.logger.log(`Lights as of ${DEMO_DAY}: ${describeLights(summary.totals)}`);
    return result;
  }

  /** The plan's tasks with their units, in number order, as the planner needs them. */
  private async tasks(planId: string): Promise<YearTask[]> {
    return (await new DemoRepository(this.dataSource).tasksWithUnits(planId)).map((row) => {
      const lead = row.units.filter((_, i) => row.roles[i] === 'lead');
      const responsible = row.units.filter((_, i) => row.roles[i] === 'responsible');
      return { id: row.id, number: row.number, dueDate: row.dueDate, units: row.units, leads: lead.length > 0 ? lead : responsible };
    });
  }

  /** The demo accounts as actors: the office by username, each unit's clerk by unit id. */
  private async actors(): Promise<Map<string, Actor>> {
    const actors = new Map<string, Actor>();
    for (const actor of await new DemoRepository(this.dataSource).activeActors()) {
      actors.set(actor.role === 'unit_user' && actor.unitId ? actor.unitId : actor.username, actor);
    }
    return actors;
  }

  /**
   * Unread unit reminders of the last week that a clerk reads today: about half of them, one to three days after
   * they came. Decided by what the reminder is (kind, task number, unit, day), so reruns read the same ones.
   */
  private async remindersToRead(day: string): Promise<Array<{ id: string; unitId: string }>> {
    return (await new DemoRepository(this.dataSource).unreadUnitRemindersOfWeekBefore(day))
      .filter((row) => {
        const h = hashOf(`${row.kind}|${row.number}|${row.unitName}|${row.created}`);
        return h % 100 < 50 && daysBetween(row.created, day) >= 1 + ((h >>> 8) % 3);
      })
      .map((row) => ({ id: row.id, unitId: row.unitId }));
  }
}

/** "红灯 13 (9.1%) · 黄灯 …" for the log. */
export function describeLights(totals: LightCountsDto): string {
  const share = (n: number) => `${n} (${((n / Math.max(1, totals.tasks)) * 100).toFixed(1)}%)`;
  return `红灯 ${share(totals.red)} · 黄灯 ${share(totals.yellow)} · 绿灯 ${share(totals.green)} · 灰灯 ${share(totals.grey)} of ${totals.tasks} tasks`;
}
