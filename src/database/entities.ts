import { AuditEvent } from '../audit/audit-event.entity';
import { CalendarOverride, CalendarYear } from '../calendar/calendar-override.entity';
import { PlanSection } from '../plans/plan-section.entity';
import { Plan } from '../plans/plan.entity';
import { TaskAssignment } from '../tasks/task-assignment.entity';
import { Task } from '../tasks/task.entity';
import { UnitGroup } from '../units/unit-group.entity';
import { Unit } from '../units/unit.entity';
import { User } from '../users/user.entity';

export const ENTITIES = [Unit, UnitGroup, Plan, PlanSection, Task, TaskAssignment, User, AuditEvent, CalendarOverride, CalendarYear];
