// Generated from docs/openapi.json by `npm run openapi`: edit the controllers and DTOs, not this file.
export interface paths {
    "/api/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Audit events, newest first: every mutation and every login attempt */
        get: operations["AuditController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log in with username and password; returns a bearer token */
        post: operations["AuthController_login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The logged-in user */
        get: operations["AuthController_me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change one’s own password; other sessions’ tokens stop working */
        post: operations["AuthController_changePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/calendar/overrides": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Admin overrides of the working-day calendar, with coverage and warnings for years without data */
        get: operations["CalendarController_list"];
        /** Replace a year's overrides; `complete: true` declares them the year's whole official schedule */
        put: operations["CalendarController_replace"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/calendar/workdays": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Each day of [from, to]: workday or not, and why; days of years without data are reported, not guessed */
        get: operations["CalendarController_workdays"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/evidence/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete your own upload that was never submitted (a submitted file stays: 409) */
        delete: operations["EvidenceController_remove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/evidence/{id}/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The file itself, for whoever may read its task; images and PDFs inline (preview), others as a download
         * @description The bytes are checked against the stored SHA-256 before they are sent (header x-content-sha256).
         */
        get: operations["EvidenceController_content"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/extension-requests/{id}/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve (the due date moves) or reject an extension request */
        post: operations["ExtensionsController_review"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/incoming-tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 上级交办: tasks a higher organization assigned to the unit standing for the actor's organization */
        get: operations["CascadeController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/incoming-tasks/{id}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept an incoming task into one of the organization's plans, as one child task or split into several */
        post: operations["CascadeController_accept"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/meta": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The server’s today, which the web app’s date pickers start from */
        get: operations["MetaController_meta"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/milestones/{id}/done": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark a milestone done (records the time) */
        post: operations["MilestonesController_markDone"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The actor's organization, then every organization below it (depth-first, by name); a unit user gets its own only */
        get: operations["OrganizationsController_list"];
        put?: never;
        /** Create an organization below the admin's, with the unit that stands for it (`${name}人民政府`) */
        post: operations["OrganizationsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List plans of the caller’s organization (or, with organizationId, of one below it), newest year first */
        get: operations["PlansController_list"];
        put?: never;
        /** Create a plan (an annual task list); import its notice next */
        post: operations["PlansController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/plans/import-template.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A blank task table (header, an example row, a note on the column words) to send to units */
        get: operations["NoticeImportController_importTemplate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/plans/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A plan with its section tree (一、 → (一)) and task counts */
        get: operations["PlansController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a plan's settings: whether 销号 requests need 佐证材料 */
        patch: operations["PlansController_update"];
        trace?: never;
    };
    "/api/plans/{id}/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import a notice into the plan: pasted text (JSON) or an uploaded file (multipart)
         * @description JSON `{text}` or multipart/form-data with a `file` (.docx, .doc, .xlsx, .csv, .tsv, .txt) and the fields `dryRun`, `createMissingUnits`. Parses the notice or task table, resolves units through aliases and groups, and creates or updates tasks by number in one transaction. Re-importing the same text or file changes nothing. With errors nothing is written. Bodies up to IMPORT_BODY_LIMIT_BYTES (default 20 MB).
         */
        post: operations["NoticeImportController_import"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/plans/{id}/scoring-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The plan’s 考核 rules (the defaults until a supervisor sets them) */
        get: operations["ScoringController_getRules"];
        /** Set the plan’s 考核 rules (supervisor); audited. Scores are computed from them, never stored */
        put: operations["ScoringController_putRules"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/plans/{id}/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add a task by hand (领导批示, 会议议定事项, 建议提案…), numbered after the plan’s last task
         * @description A notice re-import never updates it nor reports it missing; an import item with its number is an error. Retire it with POST /api/tasks/:id/cancel (a reason; nothing is deleted).
         */
        post: operations["PlanTasksController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reminder-deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Digests sent or due (per unit, channel, day): status, attempts, last error */
        get: operations["ReminderDeliveriesController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reminder-deliveries/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a failed digest again (back to pending, queued anew) */
        post: operations["ReminderDeliveriesController_retry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reminder-policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A plan’s reminder ladder (defaults when never set) */
        get: operations["RemindersController_getPolicy"];
        /** Change a plan’s reminder ladder */
        put: operations["RemindersController_putPolicy"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reminders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The reminder inbox: a unit user sees its unit’s, staff see all */
        get: operations["RemindersController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reminders/scan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run the reminder scan now (as the daily job does); repeating it creates nothing twice */
        post: operations["RemindersController_scan"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reminders/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record the read receipt (已读回执): who read it and when */
        post: operations["RemindersController_read"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/supervision/bulletin": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The 督查通报 as of a day, as data: what bulletin.docx writes (the web app’s preview) */
        get: operations["BulletinController_preview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/supervision/bulletin.docx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The 督查通报 as of a day as a Word document; the same asOf (and texts) always gives the same bytes
         * @description 表扬 and 通报 lines: repeat `praise` / `criticism`, or put one line each in one value.
         */
        get: operations["BulletinController_docx"];
        put?: never;
        /** The same document, with the preface and the 表扬 / 通报 lines in a JSON body (for long texts) */
        post: operations["BulletinController_docxFromBody"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/supervision/dashboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 驾驶舱: completion rate at each month’s end, lights by section, the ten most overdue, units ranked, reports due within a week
         * @description Everything as of asOf (default today), from the same task rules and snapshot as the other supervision views.
         */
        get: operations["SupervisionController_dashboard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/supervision/ledger.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The task ledger (任务台账) as Excel: every task with latest progress and light */
        get: operations["SupervisionController_ledger"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/supervision/overdue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Overdue and behind-schedule tasks of a plan as of a day, most days overdue first */
        get: operations["SupervisionController_overdue"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/supervision/scores": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Each lead or responsible unit’s 考核 score as of a day, with the events that made it; ranked */
        get: operations["ScoringController_scores"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/supervision/scores.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The 考核 scores as Excel: ranking, every event, the rules */
        get: operations["ScoringController_scoresExcel"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/supervision/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Counts by light and flag for the plan, each section and subsection */
        get: operations["SupervisionController_summary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/supervision/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The task register of a plan with each task’s light as of a day; the filters of GET /api/tasks plus light, paginated
         * @description A unit user sees only its own unit’s tasks, in a plan its unit has tasks in (403 otherwise, or for another unitId).
         */
        get: operations["SupervisionController_tasks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/supervision/unacknowledged": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 未签收: per unit, the open tasks it has not signed as of a day, with working days since assignment; most overdue first */
        get: operations["SupervisionController_unacknowledged"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/supervision/units": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Per unit: tasks as lead / responsible, completed, overdue, on-time rate, reports missing; ranked */
        get: operations["SupervisionController_units"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/supervision/units.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The unit ranking (单位排名) as Excel */
        get: operations["SupervisionController_unitsExcel"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search the task register; paginated, ordered by plan and number
         * @description Page numbers (`page`) or keyset pagination (`after` = the previous page's `nextCursor`), which stays fast at every depth. `total` is exact up to 1,000 matching tasks; past that it is the planner's estimate and `totalExact` is false.
         */
        get: operations["TasksController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One task with its units and the notice line it came from */
        get: operations["TasksController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Edit a task (supervisor); send the version read (body or If-Match) — a stale one is 409 */
        patch: operations["TaskLifecycleController_update"];
        trace?: never;
    };
    "/api/tasks/{id}/acknowledge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 签收: a user of an assigned unit acknowledges the task for the unit; repeating it answers the first 签收
         * @description A user of another unit gets 403; leaders, supervisors and admins cannot sign for a unit.
         */
        post: operations["TasksController_acknowledge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel (撤销) a task, with a reason; final */
        post: operations["TaskLifecycleController_cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{id}/children": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A delivered task (下达) in the organizations below: their child tasks, lights and latest reports, and the roll-up */
        get: operations["CascadeController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{id}/completion-request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The lead unit asks for 销号 (completion) with a summary */
        post: operations["TaskLifecycleController_requestCompletion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{id}/completion-review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve 销号 (completed) or return it (退回, back to in progress, comment required) */
        post: operations["TaskLifecycleController_reviewCompletion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{id}/evidence": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A task's submitted 佐证材料, and your own uploads not yet submitted */
        get: operations["EvidenceController_list"];
        put?: never;
        /**
         * Upload 佐证材料 to a task (multipart); submit them by id with a report or request (evidenceIds)
         * @description By a user of an assigned unit or a supervisor. The type is read from the bytes (images, PDF, Word, Excel); each file at most EVIDENCE_MAX_BYTES, at most EVIDENCE_MAX_FILES per upload. Until submitted only the uploader sees a file and may delete it.
         */
        post: operations["EvidenceController_upload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{id}/extension-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Extension requests of a task with their decisions */
        get: operations["ExtensionsController_list"];
        put?: never;
        /** Ask for a later due date (延期), before the current one passes */
        post: operations["ExtensionsController_request"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every step of the task: reports that moved it, requests, reviews, edits */
        get: operations["TaskLifecycleController_history"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{id}/milestones": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Milestones of a task by due date */
        get: operations["MilestonesController_list"];
        put?: never;
        /** Add a milestone (节点) to a task */
        post: operations["MilestonesController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{id}/progress": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** All progress reports of a task, oldest first */
        get: operations["ProgressController_list"];
        put?: never;
        /**
         * Report progress on a task (append-only; a correction is a new report)
         * @description A user of an assigned unit reports for that unit; a supervisor may report for an assigned unit (unitId), marked on behalf. The first report moves the task to in_progress.
         */
        post: operations["ProgressController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resume a suspended task, with a reason */
        post: operations["TaskLifecycleController_resume"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{id}/suspend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Suspend (暂缓) a task, with a reason */
        post: operations["TaskLifecycleController_suspend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{id}/targets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A task’s quantitative targets (read from its text or set by a supervisor), each with its latest actual */
        get: operations["TargetsController_get"];
        /** Set a task’s targets (supervisor); send the task version read (body or If-Match) — a stale one is 409 */
        put: operations["TargetsController_update"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{id}/urge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Manual 催办 to the task’s lead units, sent with today’s digests */
        post: operations["RemindersController_urge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/unit-groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List unit groups (各街道办事处 …) with their members */
        get: operations["UnitsController_listGroups"];
        put?: never;
        /** Create a unit group; members by unit name or alias */
        post: operations["UnitsController_createGroup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/units": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List units with kind, aliases and groups */
        get: operations["UnitsController_list"];
        put?: never;
        /** Create a unit */
        post: operations["UnitsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/units/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename a unit, change its kind or replace its aliases */
        patch: operations["UnitsController_update"];
        trace?: never;
    };
    "/api/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List user accounts (admin): its own organization’s, or (organizationId) one below it */
        get: operations["UsersController_list"];
        put?: never;
        /** Create a user account (admin); unit_user needs unitId */
        post: operations["UsersController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a user (admin): name, role, unit, active, password */
        patch: operations["UsersController_update"];
        trace?: never;
    };
    "/api/users/{id}/unlock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Lift the login lock of a user (admin): failed logins from every address are forgotten */
        post: operations["UsersController_unlock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process answers */
        get: operations["HealthController_live"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: PostgreSQL and Redis answer; says which is down (503) */
        get: operations["HealthController_ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AcceptIncomingTaskDto: {
            /**
             * Format: uuid
             * @description A plan of the receiving organization
             */
            planId: string;
            /** @description One child task, or several to split it (1–50) */
            tasks: components["schemas"]["AcceptTaskDto"][];
        };
        AcceptTaskDto: {
            /** @description Defaults to the parent task's content */
            content?: string;
            /**
             * @description Defaults to the parent task's due date
             * @example 2021-11-30
             */
            dueDate?: string;
            /** @description At least one lead or responsible unit; a unit in one role only */
            units: components["schemas"]["AcceptUnitDto"][];
        };
        AcceptUnitDto: {
            /**
             * Format: uuid
             * @description A unit of the receiving organization (it may stand for a lower organization)
             */
            unitId: string;
            /** @enum {string} */
            role: "lead" | "responsible" | "cooperating";
        };
        AcknowledgementDto: {
            unit: components["schemas"]["NamedRefDto"];
            /** Format: date-time */
            acknowledgedAt: string;
            /** @description The unit’s user who signed (null once that account is deleted) */
            by: components["schemas"]["ReporterDto"] | null;
            /**
             * @description The 签收 button, or the unit’s first own progress report or 销号 request
             * @enum {string}
             */
            via: "acknowledge" | "progress" | "completion_request" | "accept";
        };
        ActualInputDto: {
            /**
             * Format: uuid
             * @description A target of this task
             */
            targetId: string;
            /**
             * @description The actual for the period, in the target’s unit (累计 for quantities)
             * @example 2.1
             */
            value: number;
        };
        AuditEventDto: {
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            at: string;
            /** Format: uuid */
            actorId: string | null;
            actorUsername: string;
            /**
             * Format: uuid
             * @description The actor’s organization (null: the system, or a login under an unknown name)
             */
            organizationId: string | null;
            /** @example task.update */
            action: string;
            /** @example task */
            entity: string;
            entityId: string | null;
            before: Record<string, never> | null;
            after: Record<string, never> | null;
            requestId: string | null;
            ip: string | null;
        };
        AuditPageDto: {
            items: components["schemas"]["AuditEventDto"][];
            total: number;
            page: number;
            pageSize: number;
        };
        BulletinDto: {
            title: string;
            docNumber: string | null;
            issuer: string;
            planTitle: string;
            asOf: string;
            /** @example 2021年10月15日 */
            dateText: string;
            /** @description The last closed reporting period */
            period: string;
            preface: string | null;
            figures: components["schemas"]["BulletinFiguresDto"];
            completed: components["schemas"]["BulletinTaskDto"][];
            red: components["schemas"]["BulletinTaskDto"][];
            yellow: components["schemas"]["BulletinTaskDto"][];
            ranking: components["schemas"]["BulletinScoreDto"][];
            notReported: components["schemas"]["BulletinMissingDto"][];
            indicators: components["schemas"]["BulletinIndicatorDto"][];
            praise: string[];
            criticism: string[];
            warnings: string[];
        };
        BulletinFiguresDto: {
            tasks: number;
            completed: number;
            inProgress: number;
            notStarted: number;
            red: number;
            yellow: number;
            green: number;
            grey: number;
            overdue: number;
            /** @description Tasks no unit reported on for the last closed period */
            unreported: number;
            /** @description completed ÷ tasks, percent, one decimal */
            completionRate: number | null;
        };
        BulletinIndicatorDto: {
            number: number;
            metric: string;
            /** @example 不低于 8% */
            target: string;
            actual: number | null;
            unit: string;
            period: string | null;
            /**
             * @description 达标, 未达标 (the 指标预警规则) or 未报送
             * @example 达标
             */
            standing: string;
        };
        BulletinMissingDto: {
            unit: components["schemas"]["NamedRefDto"];
            /** @description Item numbers it did not report on for the period */
            tasks: number[];
        };
        BulletinQueryDto: {
            /**
             * Format: uuid
             * @description The plan to supervise
             */
            planId: string;
            /**
             * @description The day the figures are computed for (Asia/Shanghai); defaults to today
             * @example 2021-10-08
             */
            asOf?: string;
            /**
             * @description Title (default 督查通报)
             * @example 督查通报
             */
            title?: string;
            /**
             * @description 文号 or issue line under the title
             * @example 第10期
             */
            docNumber?: string;
            /**
             * @description Issuing office (default 督查室)
             * @example 市政府督查室
             */
            issuer?: string;
            /** @description Preface paragraph(s), before the figures */
            preface?: string;
            /** @description 表扬 lines (repeat the parameter, or one line each) */
            praise?: string[];
            /** @description 通报批评 lines (repeat the parameter, or one line each) */
            criticism?: string[];
        };
        BulletinScoreDto: {
            rank: number;
            unit: components["schemas"]["NamedRefDto"];
            score: number;
            bonus: number;
            deductions: number;
        };
        BulletinTaskDto: {
            number: number;
            content: string;
            /** @description Lead units, then responsible units, joined with 、 */
            units: string;
            dueDate: string;
            completedOn: string | null;
            /** @enum {string} */
            light: "red" | "yellow" | "green" | "grey";
            reasons: string[];
        };
        ChangePasswordDto: {
            currentPassword: string;
            newPassword: string;
        };
        ChildOrganizationDto: {
            organization: components["schemas"]["NamedRefDto"];
            /** Format: date-time */
            receivedAt: string;
            /** Format: date-time */
            acceptedAt: string | null;
            tasks: components["schemas"]["ChildTaskDto"][];
        };
        ChildReportDto: {
            summary: string;
            percent: number | null;
            /** Format: date-time */
            reportedAt: string;
            unitName: string;
        };
        ChildTaskDto: {
            /** Format: uuid */
            id: string;
            number: number;
            content: string;
            /** @enum {string} */
            status: "not_started" | "in_progress" | "completion_requested" | "completed" | "suspended" | "cancelled";
            /** @example 2021-12-31 */
            dueDate: string;
            /**
             * @description The task's own light, or its roll-up when it was delivered further down
             * @enum {string}
             */
            light: "red" | "yellow" | "green" | "grey";
            /** @description Percent of the latest report */
            percent: number | null;
            latestReport: components["schemas"]["ChildReportDto"] | null;
        };
        ColumnMappingDto: {
            /**
             * @description The table: a sheet name, 表格1 for a Word table, 粘贴的表格
             * @example Sheet1
             */
            table: string;
            /** @description 1-based column */
            index: number;
            /**
             * @description The header as written (two header rows joined by /)
             * @example 牵头单位
             */
            header: string;
            /**
             * @description What the column was read as; extra columns are kept per task (extraFields)
             * @enum {string}
             */
            field: "number" | "section" | "task" | "lead" | "responsible" | "cooperating" | "leader" | "deadline" | "extra";
        };
        CompletionPointDto: {
            /**
             * @description A month of the plan
             * @example 2021-09
             */
            month: string;
            /**
             * @description The day counted: the month’s last day, or asOf in its own month
             * @example 2021-09-30
             */
            day: string;
            /** @description Tasks completed (已办结) as of the end of that day */
            completed: number;
            /** @description Tasks of the plan */
            total: number;
            /**
             * @description completed ÷ total in percent, one decimal; null with no tasks
             * @example 29.4
             */
            rate: number | null;
        };
        CompletionRequestDto: {
            /**
             * @description 完成情况
             * @example 项目已竣工验收，相关资料已归档。
             */
            summary: string;
            /**
             * Format: uuid
             * @description Supervisors only: the lead unit asked for
             */
            unitId?: string;
            /** @description 佐证材料 uploaded first (POST /api/tasks/:id/evidence), submitted with this; never deleted afterwards */
            evidenceIds?: string[];
        };
        CompletionReviewDto: {
            /**
             * @description approve: 销号; return: 退回 (comment required)
             * @enum {string}
             */
            decision: "approve" | "return";
            comment?: string;
        };
        CreateExtensionRequestDto: {
            /**
             * @description The due date asked for; later than the current one
             * @example 2022-03-31
             */
            dueDate: string;
            /** @example 受汛期影响，施工推迟两个月 */
            reason: string;
            /**
             * Format: uuid
             * @description Supervisors only: the assigned unit asked for
             */
            unitId?: string;
            /** @description 佐证材料 uploaded first (POST /api/tasks/:id/evidence), submitted with this; never deleted afterwards */
            evidenceIds?: string[];
        };
        CreateMilestoneDto: {
            /** @example 完成初步设计批复 */
            title: string;
            /** @example 2021-06-30 */
            dueDate: string;
        };
        CreateOrganizationDto: {
            /** @example 孟津区 */
            name: string;
            /**
             * @description Must be below the parent organization: province > city > county
             * @enum {string}
             */
            kind: "province" | "city" | "county";
        };
        CreatePlanDto: {
            /** @example 济源市2021年政府工作报告重点工作 */
            title: string;
            /** @example 2021 */
            year: number;
            /**
             * @description Defaults to 1 January of `year`
             * @example 2021-01-01
             */
            startDate?: string;
            /**
             * @description Defaults to 31 December of `year`; the default due date of tasks
             * @example 2021-12-31
             */
            endDate?: string;
            /**
             * @default monthly
             * @enum {string}
             */
            reportingCycle?: "monthly" | "quarterly";
            /**
             * @description Day of the month progress reports are due
             * @default 25
             */
            reportCutoffDay?: number;
            /**
             * @description 销号 requests must come with at least one 佐证材料 (evidence file)
             * @default false
             */
            completionEvidenceRequired?: boolean;
        };
        CreateProgressReportDto: {
            /** @example 已完成项目立项和初步设计，正在办理施工许可。 */
            summary: string;
            /**
             * @description Share of the task done, in percent. Required unless `actuals` cover a quantity target: then it follows from them (actual ÷ target) and a value sent here is not used
             * @example 40
             */
            percent?: number;
            /** @description The actual value of the task’s targets for the period (累计 for quantities) */
            actuals?: components["schemas"]["ActualInputDto"][];
            /** @description 存在问题 */
            problems?: string;
            /** @description 下步打算 */
            nextSteps?: string;
            /**
             * @description Reporting period, "YYYY-MM" (monthly plans) or "YYYY-Qn" (quarterly); defaults to the current one
             * @example 2021-10
             */
            period?: string;
            /**
             * Format: uuid
             * @description Supervisors only: the assigned unit reported for (marked on behalf)
             */
            unitId?: string;
            /** @description 佐证材料 uploaded first (POST /api/tasks/:id/evidence), submitted with this; never deleted afterwards */
            evidenceIds?: string[];
        };
        CreateTaskDto: {
            /** @example 加快推进城区老旧小区改造，年底前完成30个小区改造任务。 */
            content: string;
            /** @example 2021-12-31 */
            dueDate: string;
            /** @description At least one lead or responsible unit; a unit in one role only */
            units: components["schemas"]["TaskUnitsDto"];
            source: components["schemas"]["TaskSourceInputDto"];
        };
        CreateUnitDto: {
            /**
             * @description Email digests go to these addresses; replaces the list
             * @example [
             *       "duban@fgw.jiyuan.gov.cn"
             *     ]
             */
            contactEmails?: string[];
            /**
             * @description Webhook digests are POSTed here; null removes it
             * @example https://oapi.dingtalk.com/robot/send?access_token=…
             */
            webhookUrl?: string | null;
            /**
             * @description Body the receiver expects: generic JSON, DingTalk or WeCom robot
             * @enum {string}
             */
            webhookFormat?: "generic" | "dingtalk" | "wecom";
            /** @example 发展改革和统计局 */
            name: string;
            /**
             * @default department
             * @enum {string}
             */
            kind?: "department" | "town" | "subdistrict" | "park" | "enterprise" | "institution" | "vertical" | "mass_organization" | "county" | "party" | "judicial" | "other";
            /**
             * @description Other names the notices use
             * @example [
             *       "发改统计局"
             *     ]
             */
            aliases?: string[];
        };
        CreateUnitGroupDto: {
            /** @example 各街道办事处 */
            name: string;
            /**
             * @example [
             *       "各街道"
             *     ]
             */
            aliases?: string[];
            /**
             * @description Member units, by name or alias
             * @example [
             *       "济水街道办事处"
             *     ]
             */
            members: string[];
        };
        CreateUserDto: {
            /**
             * @description Lowercase letters, digits, Chinese, . _ - (2–64)
             * @example zhangsan
             */
            username: string;
            password: string;
            /** @example 张三 */
            displayName?: string;
            /** @enum {string} */
            role: "admin" | "supervisor" | "unit_user" | "leader";
            /**
             * Format: uuid
             * @description Required for unit_user, forbidden otherwise; a unit of the account’s organization
             */
            unitId?: string;
            /**
             * Format: uuid
             * @description The account’s organization: the admin’s own (default) or one below it (a province’s admin opens a city’s first admin); another answers 404
             */
            organizationId?: string;
        };
        DashboardDto: {
            /** @example 2021-10-20 */
            asOf: string;
            /** @description E.g. a year without working-day calendar data */
            warnings: string[];
            /** @description The whole plan by light and flag */
            totals: components["schemas"]["LightCountsDto"];
            /** @description Completion rate at the end of each month of the plan up to asOf */
            completionTrend: components["schemas"]["CompletionPointDto"][];
            /** @description Lights by top-level section (一、二、…), its subsections included */
            sections: components["schemas"]["SectionLightsDto"][];
            /** @description The ten overdue tasks with the most days overdue */
            mostOverdue: components["schemas"]["OverdueItemDto"][];
            /** @description Units ranked as GET /api/supervision/units ranks them */
            units: components["schemas"]["UnitStandingDto"][];
            reportsDue: components["schemas"]["ReportsDueDto"];
        };
        EvidenceAttachmentDto: {
            /** @enum {string} */
            kind: "progress_report" | "completion_request" | "extension_request";
            /**
             * Format: uuid
             * @description The progress report, completion request or extension request
             */
            id: string;
            /**
             * Format: date-time
             * @description When it was submitted (the instant of the task history step it came with)
             */
            at: string;
        };
        EvidenceFileDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            taskId: string;
            /** @example 现场照片.jpg */
            fileName: string;
            /**
             * @description Detected from the bytes, not from the name
             * @example image/jpeg
             */
            contentType: string;
            /** @example 183422 */
            size: number;
            /**
             * @description SHA-256 of the bytes, hex; checked again on every download
             * @example e3b0c442…
             */
            sha256: string;
            /** @description An image or PDF the browser can show */
            previewable: boolean;
            uploadedBy: components["schemas"]["ReporterDto"];
            /** Format: date-time */
            uploadedAt: string;
            /** @description What it was submitted with; null: uploaded, not yet submitted (only its uploader sees it, and may delete it) */
            attachedTo: components["schemas"]["EvidenceAttachmentDto"] | null;
        };
        EvidenceUploadDto: {
            /** @description One or more `file` parts: images, PDF, Word, Excel (at most EVIDENCE_MAX_FILES, each at most EVIDENCE_MAX_BYTES) */
            file: string[];
        };
        ExtensionRequestDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            taskId: string;
            unit: components["schemas"]["NamedRefDto"];
            /** @example 2021-12-31 */
            previousDueDate: string;
            /** @example 2022-03-31 */
            requestedDueDate: string;
            reason: string;
            requestedBy: string;
            /** Format: date-time */
            requestedAt: string;
            /** @enum {string} */
            status: "pending" | "approve" | "reject";
            comment: string | null;
            decidedBy: string | null;
            /** Format: date-time */
            decidedAt: string | null;
        };
        ExtensionReviewDto: {
            /** @enum {string} */
            decision: "approve" | "reject";
            comment?: string;
        };
        ImportIssueDto: {
            /** @description 1-based line in the submitted text, or the row of a table (0 for the source as a whole) */
            line: number;
            /** @description Where a person finds it: {line}, {sheet, row} or {table, row} */
            location: components["schemas"]["SourceLocationDto"];
            /** @description The line as written */
            text: string;
            /** @description What is wrong, in Chinese */
            message: string;
            /** @description The item it concerns, when the line or row is a numbered item */
            number?: number;
        };
        ImportItemDto: {
            /** @description The item number (null for a row whose number could not be read) */
            number: number | null;
            /** @description Where the item is in the source */
            location: components["schemas"]["SourceLocationDto"];
            /** @description The task text (first 200 characters), or the row as written when it failed */
            content: string;
            /**
             * @description What the import did (or, in a dry run or a rejected import, would do) with this item
             * @enum {string}
             */
            result: "created" | "updated" | "unchanged" | "error";
            /** @description Why it is an error, or what to check (warnings about this item), in Chinese */
            message?: string;
        };
        ImportNoticeDto: {
            /** @description The notice text as pasted (full- or half-width punctuation, CRLF or LF) */
            text: string;
            /**
             * @description Report what would change and write nothing
             * @default false
             */
            dryRun?: boolean;
            /**
             * @description Create units the registry does not know instead of failing, with the kind their name suggests (甲县人民政府 county, 市委宣传部 party, 某镇人民政府 town, …; otherwise "other")
             * @default false
             */
            createMissingUnits?: boolean;
        };
        ImportReportDto: {
            dryRun: boolean;
            /** @description Top-level headings (一、…) */
            sections: number;
            /** @description Second-level headings ((一)…) */
            subsections: number;
            tasks: components["schemas"]["TaskCountsDto"];
            unknownUnits: components["schemas"]["UnknownUnitDto"][];
            /** @description Units created because createMissingUnits was set (or would be, in a dry run) */
            createdUnits: string[];
            warnings: components["schemas"]["ImportIssueDto"][];
            /** @description When not empty the answer is 422 and nothing was written */
            errors: components["schemas"]["ImportIssueDto"][];
            /** @description Each item in source order with its result, and each row that failed */
            items: components["schemas"]["ImportItemDto"][];
            /** @description Tables only: which column became what (empty for text notices) */
            columns: components["schemas"]["ColumnMappingDto"][];
            /** @description Warnings past the first 200 are counted here, not listed */
            warningsOmitted: number;
            /** @description Errors past the first 200 are counted here, not listed */
            errorsOmitted: number;
            /** @description Error rows past the first 200 are counted here, not listed in items */
            itemsOmitted: number;
            /** @description Unknown units past the first 200 are counted here, not listed */
            unknownUnitsOmitted: number;
            /** @description Quantitative targets read from the items (absent when there are errors) */
            targets?: components["schemas"]["ImportTargetsDto"];
        };
        ImportTargetDto: {
            /** @description Item number */
            number: number;
            /** @example 城市书房 */
            metric: string;
            /** @enum {string} */
            comparator: "at_least" | "at_most" | "about";
            /** @example 15 */
            value: number;
            /** @example 座 */
            unit: string;
            /** @example 新建城市书房15座 */
            sourceText: string;
        };
        ImportTargetsDto: {
            /** @description Targets read from the items */
            read: components["schemas"]["ImportTargetDto"][];
            /** @description What could not be read: a supervisor sets it on the task */
            unreadable: components["schemas"]["UnreadableTargetDto"][];
            /** @description Items whose targets a supervisor edited: left as they are */
            keptEdits: number[];
        };
        ImportUploadDto: {
            /**
             * @description Report what would change and write nothing
             * @default false
             */
            dryRun?: boolean;
            /**
             * @description Create units the registry does not know instead of failing
             * @default false
             */
            createMissingUnits?: boolean;
            /**
             * Format: binary
             * @description The notice or task table: .docx, .doc, .xlsx, .csv, .tsv, .txt
             */
            file: string;
        };
        IncomingChildTaskDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            planId: string;
            number: number;
            /** @enum {string} */
            status: "not_started" | "in_progress" | "completion_requested" | "completed" | "suspended" | "cancelled";
        };
        IncomingParentTaskDto: {
            /** Format: uuid */
            id: string;
            number: number;
            content: string;
            /** @example 2021-12-31 */
            dueDate: string;
            /** @enum {string} */
            status: "not_started" | "in_progress" | "completion_requested" | "completed" | "suspended" | "cancelled";
            /** Format: uuid */
            planId: string;
            planTitle: string;
        };
        IncomingTaskDto: {
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            receivedAt: string;
            /** Format: date-time */
            acceptedAt: string | null;
            /** @description The organization that assigned it */
            fromOrganization: components["schemas"]["NamedRefDto"];
            /** @description The unit of the assigning organization that stands for this one (e.g. 洛阳市人民政府) */
            viaUnit: components["schemas"]["NamedRefDto"];
            parentTask: components["schemas"]["IncomingParentTaskDto"];
            /** @description The tasks it was accepted into (empty while pending) */
            childTasks: components["schemas"]["IncomingChildTaskDto"][];
        };
        LatestActualDto: {
            value: number;
            /** @example 2021-10 */
            period: string;
            unitName: string;
            /** Format: date-time */
            reportedAt: string;
        };
        LightCountsDto: {
            tasks: number;
            red: number;
            yellow: number;
            green: number;
            grey: number;
            overdue: number;
            dueSoon: number;
            behindSchedule: number;
            unreported: number;
            completed: number;
        };
        LoginDto: {
            /** @example duchashi */
            username: string;
            /** @example Demo@2021! */
            password: string;
        };
        LoginResultDto: {
            /** @description Send as `Authorization: Bearer <token>` */
            accessToken: string;
            /** @description Seconds until the token expires */
            expiresIn: number;
            user: components["schemas"]["UserDto"];
        };
        MetaDto: {
            /**
             * @description The server’s today (Asia/Shanghai, or CLOCK_TODAY when set)
             * @example 2021-10-08
             */
            today: string;
            /** @example Asia/Shanghai */
            timezone: string;
        };
        MilestoneDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            taskId: string;
            title: string;
            /** @example 2021-06-30 */
            dueDate: string;
            /** Format: date-time */
            doneAt: string | null;
        };
        NamedRefDto: {
            /** Format: uuid */
            id: string;
            name: string;
        };
        OrganizationDto: {
            /** Format: uuid */
            id: string;
            /** @example 洛阳市 */
            name: string;
            /** @enum {string} */
            kind: "province" | "city" | "county";
            /** Format: uuid */
            parentId: string | null;
            /** @description Levels below the actor's organization: 0 is its own */
            depth: number;
            /** @description True only for the actor's own organization: descendants are read-only */
            writable: boolean;
            /** @description The unit of the parent organization that stands for this one (tasks assigned to it are delivered here) */
            representedBy: components["schemas"]["RepresentingUnitDto"] | null;
        };
        OverdueItemDto: {
            task: components["schemas"]["SupervisedTaskRefDto"];
            /**
             * @description The current due date (an approved extension counts)
             * @example 2021-09-30
             */
            dueDate: string;
            /**
             * @description The status as of asOf, from the task history
             * @enum {string}
             */
            status: "not_started" | "in_progress" | "completion_requested" | "completed" | "suspended" | "cancelled";
            /**
             * @description Calendar days past the due date; 0 when not overdue
             * @example 8
             */
            daysOverdue: number;
            /**
             * @description Null when not overdue or the calendar lacks a year
             * @example 1
             */
            workdaysOverdue: number | null;
            /**
             * @description 序时进度: share of [plan start, due date] elapsed by asOf
             * @example 77
             */
            expectedPercent: number;
            /** @description Percent of the latest report made on or before asOf */
            latestPercent: number | null;
            /** Format: date-time */
            lastReportAt: string | null;
            /** @enum {string} */
            light: "red" | "yellow" | "green" | "grey";
            flags: components["schemas"]["TimelinessFlagsDto"];
            /**
             * @example [
             *       "已超过完成时限 2021-09-30 8 天（1 个工作日）"
             *     ]
             */
            reasons: string[];
        };
        OverdueViewDto: {
            /** @example 2021-10-08 */
            asOf: string;
            /**
             * @description The last closed reporting period: the one whose report is checked
             * @example 2021-09
             */
            period: string;
            /**
             * @description The day that period’s report was due
             * @example 2021-09-25
             */
            periodCutoff: string;
            /** @description False when the cutoff is not after the plan start: no report was owed yet */
            reportsChecked: boolean;
            /** @description E.g. a year without working-day calendar data */
            warnings: string[];
            /** @description Overdue or behind-schedule tasks, most days overdue first, then by number */
            items: components["schemas"]["OverdueItemDto"][];
        };
        OverrideDto: {
            /** @example 2021-10-09 */
            day: string;
            isWorkday: boolean;
            note: string | null;
        };
        OverrideItemDto: {
            /** @example 2021-10-09 */
            day: string;
            isWorkday: boolean;
            /** @example 国庆节调休上班 */
            note?: string | null;
        };
        OverridesDto: {
            items: components["schemas"]["OverrideDto"][];
            coverage: components["schemas"]["YearCoverageDto"][];
            /** @description One message per year without calendar data */
            warnings: string[];
        };
        PendingAcknowledgementDto: {
            /** Format: uuid */
            id: string;
            name: string;
            /**
             * Format: date-time
             * @description When the unit was given the task
             */
            assignedAt: string;
        };
        PlanDetailDto: {
            /** Format: uuid */
            id: string;
            title: string;
            year: number;
            /** @example 2021-01-01 */
            startDate: string;
            /** @example 2021-12-31 */
            endDate: string;
            /** @enum {string} */
            reportingCycle: "monthly" | "quarterly";
            reportCutoffDay: number;
            /** Format: date-time */
            importedAt: string | null;
            /** @description 销号 requests need 佐证材料 */
            completionEvidenceRequired: boolean;
            /** @description Number of tasks in the plan */
            taskCount: number;
            sections: components["schemas"]["SectionNodeDto"][];
        };
        PlanDto: {
            /** Format: uuid */
            id: string;
            title: string;
            year: number;
            /** @example 2021-01-01 */
            startDate: string;
            /** @example 2021-12-31 */
            endDate: string;
            /** @enum {string} */
            reportingCycle: "monthly" | "quarterly";
            reportCutoffDay: number;
            /** Format: date-time */
            importedAt: string | null;
            /** @description 销号 requests need 佐证材料 */
            completionEvidenceRequired: boolean;
            /** @description Number of tasks in the plan */
            taskCount: number;
        };
        PlanScoringRulesDto: {
            /** Format: uuid */
            planId: string;
            rules: components["schemas"]["ScoringRulesDto"];
            /** @description No rules were set for the plan: these are the defaults */
            isDefault: boolean;
            /** @description Each rule in Chinese, for display */
            labels: {
                [key: string]: string;
            };
        };
        ProgressReportDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            taskId: string;
            unit: components["schemas"]["NamedRefDto"];
            /** @example 2021-10 */
            period: string;
            summary: string;
            percent: number;
            actuals: components["schemas"]["ReportActualDto"][];
            problems: string | null;
            nextSteps: string | null;
            reportedBy: components["schemas"]["ReporterDto"];
            /** @description A supervisor entered it for the unit */
            onBehalf: boolean;
            /** Format: date-time */
            createdAt: string;
        };
        ReasonDto: {
            /** @example 因上级政策调整暂缓实施 */
            reason: string;
        };
        ReminderDeliveryDto: {
            /**
             * Format: uuid
             * @description Also the idempotency key receivers see (Message-ID, Idempotency-Key)
             */
            id: string;
            /** @description null: the supervisors’ office (督查室) */
            unit: components["schemas"]["NamedRefDto"] | null;
            /** @enum {string} */
            audience: "unit" | "supervisors";
            /** @enum {string} */
            channel: "inbox" | "email" | "webhook";
            /** @example 2021-10-08 */
            day: string;
            /** @enum {string} */
            status: "pending" | "sent" | "failed";
            /** @description Send attempts so far (a retry by a supervisor adds to them) */
            attempts: number;
            /** @description Why the last attempt failed */
            lastError: string | null;
            /** Format: date-time */
            lastAttemptAt: string | null;
            /** @description Reminders in the digest */
            reminderCount: number;
            /** Format: date-time */
            sentAt: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        ReminderDeliveryPageDto: {
            items: components["schemas"]["ReminderDeliveryDto"][];
            total: number;
            page: number;
            pageSize: number;
        };
        ReminderDto: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            kind: "due_soon" | "report_missing" | "overdue" | "escalation" | "urge" | "unacknowledged";
            /**
             * @description 2 = 督办 (escalation)
             * @enum {number}
             */
            level: 1 | 2;
            /** @enum {string} */
            audience: "unit" | "supervisors";
            unit: components["schemas"]["NamedRefDto"] | null;
            task: components["schemas"]["ReminderTaskDto"];
            /** @example 2021-09-30 */
            dueDate: string;
            period: string | null;
            workdaysOverdue: number | null;
            message: string;
            /** Format: date-time */
            createdAt: string;
            /**
             * Format: date-time
             * @description 已读回执
             */
            readAt: string | null;
            readBy: string | null;
        };
        ReminderPageDto: {
            items: components["schemas"]["ReminderDto"][];
            total: number;
            page: number;
            pageSize: number;
        };
        ReminderPolicyDto: {
            /** Format: uuid */
            planId: string;
            /** @default true */
            enabled?: boolean;
            /**
             * @description Due-soon reminder this many workdays ahead (0: none)
             * @default 3
             */
            dueSoonWorkdays?: number;
            /**
             * @description Overdue reminders repeat every N workdays
             * @default 5
             */
            overdueRepeatWorkdays?: number;
            /**
             * @description 督办 (level 2) at N workdays overdue
             * @default 10
             */
            escalateAfterWorkdays?: number;
            /**
             * @description Remind units that have not reported for a closed period
             * @default true
             */
            reportMissing?: boolean;
            /**
             * @description 签收 reminder to a unit that has not signed a task N workdays after it was assigned, repeated every overdueRepeatWorkdays (0: none)
             * @default 2
             */
            acknowledgeWithinWorkdays?: number;
        };
        ReminderTaskDto: {
            /** Format: uuid */
            id: string;
            number: number;
            content: string;
            /** Format: uuid */
            planId: string;
        };
        ReplaceOverridesDto: {
            /** @example 2027 */
            year: number;
            /** @description Replaces all of the year's overrides; [] removes them */
            items: components["schemas"]["OverrideItemDto"][];
            /** @description true: these overrides are the year's complete official schedule (other days follow Monday–Friday), which makes a year past the bundled data usable; false: withdraw that; absent: leave it as it is */
            complete?: boolean;
            /**
             * @description Where the complete schedule comes from; only with complete: true
             * @example 国务院办公厅关于2027年部分节假日安排的通知
             */
            note?: string;
        };
        ReportActualDto: {
            /** Format: uuid */
            targetId: string;
            metric: string;
            unit: string;
            value: number;
        };
        ReporterDto: {
            /** Format: uuid */
            id: string;
            username: string;
            displayName: string;
        };
        ReportsDueDto: {
            /**
             * @description The reporting period open on asOf
             * @example 2021-10
             */
            period: string;
            /**
             * @description Its cutoff: the day its reports are due
             * @example 2021-10-25
             */
            cutoff: string;
            /** @description The cutoff falls in the seven days from asOf; otherwise `units` is empty */
            dueThisWeek: boolean;
            /** @description Reports still owed for the period (unit × task), when due this week */
            total: number;
            /** @description Units owing reports, most owed first */
            units: components["schemas"]["UnitReportsDueDto"][];
        };
        RepresentingUnitDto: {
            /** Format: uuid */
            unitId: string;
            /** @example 洛阳市人民政府 */
            unitName: string;
        };
        RollupDto: {
            /** @description Every receiving organization accepted and every child task is completed */
            completed: boolean;
            /** @enum {string} */
            light: "red" | "yellow" | "green" | "grey";
            /** @description Organizations the task was delivered to */
            organizations: number;
            /** @description Of those, how many accepted it */
            accepted: number;
            completedTasks: number;
            totalTasks: number;
        };
        ScanRequestDto: {
            /**
             * @description Scan as of this day (default: today, Asia/Shanghai)
             * @example 2021-10-08
             */
            asOf?: string;
        };
        ScanResultDto: {
            /** @example 2021-10-08 */
            asOf: string;
            /** @description Reminders inserted by this scan */
            created: number;
            /** @description Reminders the ladder asked for that an earlier scan had already made */
            alreadyExisting: number;
            /** @enum {string} */
            skipped?: "non_working_day" | "no_calendar_data";
            /** @description Digests (per unit, channel, day) created by this scan */
            deliveries: number;
            /** @description Tasks left out and why (e.g. no calendar data for their year) */
            warnings: string[];
        };
        ScoreEventDto: {
            /** @enum {string} */
            kind: "on_time_completion" | "overdue" | "missing_report" | "completion_returned" | "extension_beyond";
            /** Format: uuid */
            taskId: string;
            taskNumber: number;
            /** @description Points added (positive) or subtracted (negative) */
            points: number;
            /** @example 第9项逾期未办结，逾期 14 个工作日 */
            detail: string;
        };
        ScoresViewDto: {
            /** @example 2021-10-26 */
            asOf: string;
            rules: components["schemas"]["ScoringRulesDto"];
            /** @description Every lead or responsible unit of the plan, highest score first */
            items: components["schemas"]["UnitScoreDto"][];
            warnings: string[];
        };
        ScoringRulesDto: {
            /**
             * @description 基础分 every scored unit starts from
             * @example 100
             */
            base: number;
            /**
             * @description Added per task 销号 on or before its due date (its lead units)
             * @example 2
             */
            onTimeCompletion: number;
            /**
             * @description Subtracted per workday a task is, or was until its 销号, past its due date (its lead units)
             * @example 0.5
             */
            overduePerWorkday: number;
            /**
             * @description The most one task’s lateness can cost; 0: no cap
             * @example 10
             */
            overdueCapPerTask: number;
            /**
             * @description Subtracted per task and closed period a lead or responsible unit did not report for
             * @example 1
             */
            missingReport: number;
            /**
             * @description Subtracted per 销号 request returned (the requesting unit)
             * @example 1
             */
            completionReturned: number;
            /**
             * @description Approved 延期 per task that cost nothing
             * @example 1
             */
            extensionsAllowed: number;
            /**
             * @description Subtracted per approved 延期 beyond those (the requesting unit)
             * @example 2
             */
            extensionBeyond: number;
        };
        SectionLightsDto: {
            /** Format: uuid */
            id: string;
            /** @example 2 */
            code: string;
            title: string;
            counts: components["schemas"]["LightCountsDto"];
        };
        SectionNodeDto: {
            /** Format: uuid */
            id: string;
            /**
             * @description "3" for 三、, "3.2" for its (二)
             * @example 3.2
             */
            code: string;
            ordinal: number;
            title: string;
            /** @description Tasks in this section, subsections included */
            taskCount: number;
            children: components["schemas"]["SectionNodeDto"][];
        };
        SectionRefDto: {
            /** Format: uuid */
            id: string;
            /** @example 2.1 */
            code: string;
            title: string;
        };
        SectionSummaryDto: {
            /** Format: uuid */
            id: string;
            /** @example 2.1 */
            code: string;
            title: string;
            counts: components["schemas"]["LightCountsDto"];
            subsections: components["schemas"]["SubsectionSummaryDto"][];
        };
        SourceLocationDto: {
            /** @description Text: 1-based line (0 for the whole text) */
            line?: number;
            /** @description Workbook: the sheet name */
            sheet?: string;
            /** @description Word file: 1-based table number */
            table?: number;
            /** @description Workbook or Word table: 1-based row */
            row?: number;
        };
        SubsectionSummaryDto: {
            /** Format: uuid */
            id: string;
            /** @example 2.1 */
            code: string;
            title: string;
            counts: components["schemas"]["LightCountsDto"];
        };
        SummaryViewDto: {
            /** @example 2021-10-08 */
            asOf: string;
            /**
             * @description The last closed reporting period: the one whose report is checked
             * @example 2021-09
             */
            period: string;
            /**
             * @description The day that period’s report was due
             * @example 2021-09-25
             */
            periodCutoff: string;
            /** @description False when the cutoff is not after the plan start: no report was owed yet */
            reportsChecked: boolean;
            /** @description E.g. a year without working-day calendar data */
            warnings: string[];
            totals: components["schemas"]["LightCountsDto"];
            /** @description Each section counts its subsections’ tasks and its own */
            sections: components["schemas"]["SectionSummaryDto"][];
        };
        SupervisedTaskDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            planId: string;
            /** @example 9 */
            number: number;
            content: string;
            /** @enum {string} */
            kind: "task" | "indicator";
            section: components["schemas"]["SectionRefDto"] | null;
            subsection: components["schemas"]["SectionRefDto"] | null;
            /** @example 2021-12-31 */
            dueDate: string;
            /** @enum {string} */
            status: "not_started" | "in_progress" | "completion_requested" | "completed" | "suspended" | "cancelled";
            /** @description Send it back with an edit; a stale one is refused with 409 */
            version: number;
            lead: components["schemas"]["NamedRefDto"][];
            responsible: components["schemas"]["NamedRefDto"][];
            cooperating: components["schemas"]["NamedRefDto"][];
            /** @description The notice ends the unit list with 等有关单位 */
            includesOtherUnits: boolean;
            /** @description 责任领导 */
            leaders: string[];
            /** @description 完成时限 as written */
            deadlineText: string | null;
            source: components["schemas"]["TaskSourceDto"];
            /**
             * @description import: made by a notice import; manual: added by hand (an import never touches it)
             * @enum {string}
             */
            origin: "import" | "manual";
            /** @description Assigned units that have not signed (签收) the task yet */
            unacknowledged: components["schemas"]["PendingAcknowledgementDto"][];
            /**
             * @description The status as of asOf, from the task history (`status` is the current one)
             * @enum {string}
             */
            statusAsOf: "not_started" | "in_progress" | "completion_requested" | "completed" | "suspended" | "cancelled";
            /** @enum {string} */
            light: "red" | "yellow" | "green" | "grey";
            flags: components["schemas"]["TimelinessFlagsDto"];
            /**
             * @example [
             *       "已超过完成时限 2021-09-30 8 天（1 个工作日）"
             *     ]
             */
            reasons: string[];
            /**
             * @description Calendar days past the due date; 0 when not overdue
             * @example 8
             */
            daysOverdue: number;
            /**
             * @description Null when not overdue or the calendar lacks a year
             * @example 1
             */
            workdaysOverdue: number | null;
            /**
             * @description 序时进度: share of [plan start, due date] elapsed by asOf
             * @example 77
             */
            expectedPercent: number;
            /** @description Percent of the latest report made on or before asOf */
            latestPercent: number | null;
        };
        SupervisedTaskPageDto: {
            /** @example 2021-10-08 */
            asOf: string;
            items: components["schemas"]["SupervisedTaskDto"][];
            total: number;
            page: number;
            pageSize: number;
            /** @description E.g. a year without working-day calendar data */
            warnings: string[];
        };
        SupervisedTaskRefDto: {
            /** Format: uuid */
            id: string;
            /** @example 9 */
            number: number;
            content: string;
            section: components["schemas"]["SectionRefDto"] | null;
            subsection: components["schemas"]["SectionRefDto"] | null;
            lead: components["schemas"]["NamedRefDto"][];
            responsible: components["schemas"]["NamedRefDto"][];
        };
        TargetDto: {
            /** Format: uuid */
            id: string;
            position: number;
            metric: string;
            verb: string | null;
            /** @enum {string} */
            comparator: "at_least" | "at_most" | "about";
            value: number;
            unit: string;
            /** @description A rate (%, 个百分点) is judged as reported; a quantity is counted up over the year */
            rate: boolean;
            /** @description The words it was read from */
            sourceText: string | null;
            editedBySupervisor: boolean;
            /** @description The latest actual reported */
            latestActual: components["schemas"]["LatestActualDto"] | null;
        };
        TargetInputDto: {
            /**
             * Format: uuid
             * @description An existing target to keep (its actuals stay attached); omit for a new one
             */
            id?: string;
            /** @example 城市书房 */
            metric: string;
            /** @example 新建 */
            verb?: string;
            /**
             * @description at_least 不低于 (以上, 增长, 新建), at_most 不高于 (控制在…以内), about 左右
             * @enum {string}
             */
            comparator: "at_least" | "at_most" | "about";
            /** @example 15 */
            value: number;
            /** @example 座 */
            unit: string;
        };
        TaskBriefDto: {
            /** Format: uuid */
            id: string;
            /** @example 9 */
            number: number;
            content: string;
        };
        TaskChildrenDto: {
            rollup: components["schemas"]["RollupDto"];
            /** @description Every organization the task reached, depth-first: a receiving organization, then those its child tasks went on to */
            organizations: components["schemas"]["ChildOrganizationDto"][];
        };
        TaskCountsDto: {
            created: number;
            updated: number;
            unchanged: number;
        };
        TaskDetailDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            planId: string;
            /** @example 9 */
            number: number;
            content: string;
            /** @enum {string} */
            kind: "task" | "indicator";
            section: components["schemas"]["SectionRefDto"] | null;
            subsection: components["schemas"]["SectionRefDto"] | null;
            /** @example 2021-12-31 */
            dueDate: string;
            /** @enum {string} */
            status: "not_started" | "in_progress" | "completion_requested" | "completed" | "suspended" | "cancelled";
            /** @description Send it back with an edit; a stale one is refused with 409 */
            version: number;
            lead: components["schemas"]["NamedRefDto"][];
            responsible: components["schemas"]["NamedRefDto"][];
            cooperating: components["schemas"]["NamedRefDto"][];
            /** @description The notice ends the unit list with 等有关单位 */
            includesOtherUnits: boolean;
            /** @description 责任领导 */
            leaders: string[];
            /** @description 完成时限 as written */
            deadlineText: string | null;
            source: components["schemas"]["TaskSourceDto"];
            /**
             * @description import: made by a notice import; manual: added by hand (an import never touches it)
             * @enum {string}
             */
            origin: "import" | "manual";
            /** @description Assigned units that have not signed (签收) the task yet */
            unacknowledged: components["schemas"]["PendingAcknowledgementDto"][];
            /** @description The notice line the task was imported from */
            sourceLine: string | null;
            /** @description Each assigned unit’s 签收, in the notice’s order */
            acknowledgements: components["schemas"]["AcknowledgementDto"][];
            /**
             * @description The imported table's columns the importer does not map, by header; empty for text notices
             * @example {
             *       "备注": "省定任务"
             *     }
             */
            extraFields: {
                [key: string]: string;
            };
        };
        TaskDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            planId: string;
            /** @example 9 */
            number: number;
            content: string;
            /** @enum {string} */
            kind: "task" | "indicator";
            section: components["schemas"]["SectionRefDto"] | null;
            subsection: components["schemas"]["SectionRefDto"] | null;
            /** @example 2021-12-31 */
            dueDate: string;
            /** @enum {string} */
            status: "not_started" | "in_progress" | "completion_requested" | "completed" | "suspended" | "cancelled";
            /** @description Send it back with an edit; a stale one is refused with 409 */
            version: number;
            lead: components["schemas"]["NamedRefDto"][];
            responsible: components["schemas"]["NamedRefDto"][];
            cooperating: components["schemas"]["NamedRefDto"][];
            /** @description The notice ends the unit list with 等有关单位 */
            includesOtherUnits: boolean;
            /** @description 责任领导 */
            leaders: string[];
            /** @description 完成时限 as written */
            deadlineText: string | null;
            source: components["schemas"]["TaskSourceDto"];
            /**
             * @description import: made by a notice import; manual: added by hand (an import never touches it)
             * @enum {string}
             */
            origin: "import" | "manual";
            /** @description Assigned units that have not signed (签收) the task yet */
            unacknowledged: components["schemas"]["PendingAcknowledgementDto"][];
        };
        TaskEventDto: {
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            at: string;
            actor: string;
            /** @example completion_requested */
            action: string;
            /** @enum {string|null} */
            fromStatus: "not_started" | "in_progress" | "completion_requested" | "completed" | "suspended" | "cancelled" | null;
            /** @enum {string|null} */
            toStatus: "not_started" | "in_progress" | "completion_requested" | "completed" | "suspended" | "cancelled" | null;
            comment: string | null;
            data: Record<string, never> | null;
        };
        TaskPageDto: {
            items: components["schemas"]["TaskDto"][];
            /** @description Tasks matching the filters: exact up to 1,000; past that the planner's estimate (see totalExact) */
            total: number;
            page: number;
            pageSize: number;
            /** @description false when more than 1,000 tasks match and `total` is an estimate */
            totalExact: boolean;
            /** @description Pass as `after` for the next page; null on the last page */
            nextCursor: string | null;
        };
        TaskSourceDto: {
            /**
             * @description notice 通知, instruction 领导批示, meeting 会议议定事项, proposal 人大建议/政协提案, other
             * @enum {string}
             */
            kind: "notice" | "instruction" | "meeting" | "proposal" | "other";
            /**
             * @description 文号
             * @example 济政办〔2021〕12号
             */
            documentNumber: string | null;
            /** @example 2021-03-15 */
            date: string | null;
        };
        TaskSourceInputDto: {
            /**
             * @description notice 通知, instruction 领导批示, meeting 会议议定事项, proposal 人大建议/政协提案, other
             * @enum {string}
             */
            kind: "notice" | "instruction" | "meeting" | "proposal" | "other";
            /**
             * @description 文号
             * @example 济政阅〔2021〕8号
             */
            documentNumber?: string;
            /**
             * @description Date of the instruction, meeting or document
             * @example 2021-03-15
             */
            date?: string;
        };
        TaskTargetsDto: {
            /** Format: uuid */
            taskId: string;
            /** @description The task version (send it back to edit) */
            version: number;
            targets: components["schemas"]["TargetDto"][];
        };
        TaskUnitsDto: {
            /** @description 牵头单位 */
            lead?: string[];
            /** @description 责任单位 */
            responsible?: string[];
            /** @description 配合单位 */
            cooperating?: string[];
        };
        TimelinessFlagsDto: {
            /** @description Open and past its due date */
            overdue: boolean;
            /** @description Open, not overdue, due within the policy’s workdays (default 3) */
            dueSoon: boolean;
            /** @description Open, latest percent below 序时进度 by more than the tolerance (default 10 points) */
            behindSchedule: boolean;
            /** @description Open, and no assigned unit reported for the last closed period */
            unreported: boolean;
        };
        UnacknowledgedItemDto: {
            task: components["schemas"]["UnacknowledgedTaskDto"];
            /** @enum {string} */
            role: "lead" | "responsible" | "cooperating";
            /**
             * Format: date-time
             * @description When the unit was given the task
             */
            assignedAt: string;
            /**
             * @description Working days in (day assigned, asOf] on China’s calendar; null when a year in between has no calendar data
             * @example 4
             */
            workdaysSinceAssigned: number | null;
            /** @description Past the plan’s 签收 window (acknowledgeWithinWorkdays; never when that is 0) */
            overdue: boolean;
        };
        UnacknowledgedTaskDto: {
            /** Format: uuid */
            id: string;
            /** @example 9 */
            number: number;
            content: string;
            /** @example 2021-12-31 */
            dueDate: string;
            /**
             * @description The status as of asOf
             * @enum {string}
             */
            status: "not_started" | "in_progress" | "completion_requested" | "completed" | "suspended" | "cancelled";
        };
        UnacknowledgedViewDto: {
            /** @example 2021-10-08 */
            asOf: string;
            /**
             * @description The plan’s 签收 window in working days (0: no 签收 reminders)
             * @example 2
             */
            acknowledgeWithinWorkdays: number;
            /** @description Unsigned (unit, task) pairs in all */
            total: number;
            /** @description Units with the longest-waiting unsigned task first */
            units: components["schemas"]["UnitUnacknowledgedDto"][];
            /** @description E.g. a year without working-day calendar data */
            warnings: string[];
        };
        UnitDto: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @enum {string} */
            kind: "department" | "town" | "subdistrict" | "park" | "enterprise" | "institution" | "vertical" | "mass_organization" | "county" | "party" | "judicial" | "other";
            aliases: string[];
            /** @description Groups the unit belongs to */
            groups: components["schemas"]["NamedRefDto"][];
            /** @description Addresses that receive the email digest */
            contactEmails: string[];
            /** @description Webhook for digests; shown in full to admins only (robot URLs carry their token), others see the host */
            webhookUrl: string | null;
            /** @enum {string} */
            webhookFormat: "generic" | "dingtalk" | "wecom";
        };
        UnitGroupDto: {
            /** Format: uuid */
            id: string;
            name: string;
            aliases: string[];
            members: components["schemas"]["NamedRefDto"][];
        };
        UnitRefDto: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @enum {string} */
            kind: "department" | "town" | "subdistrict" | "park" | "enterprise" | "institution" | "vertical" | "mass_organization" | "county" | "party" | "judicial" | "other";
        };
        UnitReportsDueDto: {
            unit: components["schemas"]["NamedRefDto"];
            /** @description Open tasks it leads or is responsible for with no report of its own for the period yet */
            tasks: components["schemas"]["TaskBriefDto"][];
        };
        UnitScoreDto: {
            rank: number;
            unit: components["schemas"]["NamedRefDto"];
            score: number;
            bonus: number;
            deductions: number;
            /** @description The events that made the score */
            events: components["schemas"]["ScoreEventDto"][];
        };
        UnitStandingDto: {
            unit: components["schemas"]["UnitRefDto"];
            /** @description Tasks the unit leads (牵头) */
            asLead: number;
            /** @description Tasks the unit is responsible for (责任) */
            asResponsible: number;
            /** @description Tasks the unit cooperates on (配合/协办) */
            asCooperating: number;
            /** @description Tasks of the unit, whatever its role */
            total: number;
            /** @description Completed as of asOf */
            completed: number;
            /** @description Open and past the due date as of asOf */
            overdue: number;
            /**
             * @description Percent of tasks completed on or before their due date, among the completed and the overdue; null when none
             * @example 66.7
             */
            onTimeCompletionRate: number | null;
            /** @description Open tasks the unit leads or is responsible for that it has not reported on for the period */
            reportsMissing: number;
            /** Format: date-time */
            lastReportAt: string | null;
            /** @example 1 */
            rank: number;
        };
        UnitUnacknowledgedDto: {
            unit: components["schemas"]["NamedRefDto"];
            /** @description Tasks the unit has not signed */
            count: number;
            /** @description Most working days since assignment first */
            tasks: components["schemas"]["UnacknowledgedItemDto"][];
        };
        UnitsViewDto: {
            /** @example 2021-10-08 */
            asOf: string;
            /**
             * @description The last closed reporting period: the one whose report is checked
             * @example 2021-09
             */
            period: string;
            /**
             * @description The day that period’s report was due
             * @example 2021-09-25
             */
            periodCutoff: string;
            /** @description False when the cutoff is not after the plan start: no report was owed yet */
            reportsChecked: boolean;
            /** @description E.g. a year without working-day calendar data */
            warnings: string[];
            /** @description Fewest overdue first, then highest on-time rate, most completed, name */
            items: components["schemas"]["UnitStandingDto"][];
        };
        UnknownUnitDto: {
            /** @example 数字经济局 */
            name: string;
            /** @description Item numbers that name it */
            items: number[];
        };
        UnreadableTargetDto: {
            /** @description Item number */
            number: number;
            /** @description The words that carry a number but were not read as a target (or the whole indicator item) */
            text: string;
        };
        UpdatePlanDto: {
            /** @description 销号 requests must come with at least one 佐证材料 (evidence file) */
            completionEvidenceRequired: boolean;
        };
        UpdateTargetsDto: {
            /** @description The task version read (or send If-Match) */
            version?: number;
            /** @description The task’s targets, in order; replaces the list */
            targets: components["schemas"]["TargetInputDto"][];
        };
        UpdateTaskDto: {
            /** @example 2021-12-31 */
            dueDate?: string;
            content?: string;
            /** @enum {string} */
            kind?: "task" | "indicator";
            /** @description The version you read; or send it as If-Match. A stale one is 409. */
            version?: number;
        };
        UpdateUnitDto: {
            /**
             * @description Email digests go to these addresses; replaces the list
             * @example [
             *       "duban@fgw.jiyuan.gov.cn"
             *     ]
             */
            contactEmails?: string[];
            /**
             * @description Webhook digests are POSTed here; null removes it
             * @example https://oapi.dingtalk.com/robot/send?access_token=…
             */
            webhookUrl?: string | null;
            /**
             * @description Body the receiver expects: generic JSON, DingTalk or WeCom robot
             * @enum {string}
             */
            webhookFormat?: "generic" | "dingtalk" | "wecom";
            name?: string;
            /** @enum {string} */
            kind?: "department" | "town" | "subdistrict" | "park" | "enterprise" | "institution" | "vertical" | "mass_organization" | "county" | "party" | "judicial" | "other";
            /** @description Replaces the whole alias list */
            aliases?: string[];
        };
        UpdateUserDto: {
            displayName?: string;
            /** @enum {string} */
            role?: "admin" | "supervisor" | "unit_user" | "leader";
            /** Format: uuid */
            unitId?: string | null;
            /** @description false disables the account; its tokens stop working at once */
            active?: boolean;
            /** @description Sets a new password (admin reset) */
            password?: string;
        };
        UrgeDto: {
            /** @example 请于本周五前报送项目开工情况 */
            message: string;
        };
        UserDto: {
            /** Format: uuid */
            id: string;
            username: string;
            displayName: string;
            /** @enum {string} */
            role: "admin" | "supervisor" | "unit_user" | "leader";
            /** Format: uuid */
            unitId: string | null;
            active: boolean;
        };
        WorkdayDto: {
            /** @example 2021-10-09 */
            day: string;
            /** @description null: the year has no calendar data (see warnings) */
            isWorkday: boolean | null;
            /** @enum {string} */
            source: "statutory" | "override" | "weekend-rule" | "unknown";
            /** @example 国庆节调休上班 */
            note: string | null;
        };
        WorkdaysDto: {
            items: components["schemas"]["WorkdayDto"][];
            coverage: components["schemas"]["YearCoverageDto"][];
            /** @description One message per year without calendar data */
            warnings: string[];
        };
        YearCoverageDto: {
            /** @example 2021 */
            year: number;
            /** @description The bundled State Council schedule (chinese-days) covers the year */
            statutory: boolean;
            /** @description An admin declared the year's overrides its complete official schedule */
            official: boolean;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    AuditController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                /** @description unit, unit_group, plan, task, user, auth … */
                entity?: string;
                entityId?: string;
                actorId?: string;
                /** @description Inclusive */
                from?: string;
                /** @description Exclusive */
                to?: string;
                /** @description One organization (the reader’s or one below it); by default the reader’s and every one below it */
                organizationId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPageDto"];
                };
            };
        };
    };
    AuthController_login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoginResultDto"];
                };
            };
            /** @description Wrong username or password, or the account is disabled */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Too many failures for this username or client; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AuthController_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDto"];
                };
            };
        };
    };
    AuthController_changePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangePasswordDto"];
            };
        };
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    CalendarController_list: {
        parameters: {
            query?: {
                /** @description One year; or give from and to */
                year?: number;
                /** @description Inclusive; with `to`, instead of `year` */
                from?: string;
                /** @description Inclusive */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OverridesDto"];
                };
            };
            /** @description Validation failed; `details` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    CalendarController_replace: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReplaceOverridesDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OverridesDto"];
                };
            };
            /** @description Validation failed (e.g. a day outside the year); `details` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    CalendarController_workdays: {
        parameters: {
            query: {
                /** @description Inclusive */
                from: string;
                /** @description Inclusive; at most 731 days after `from` */
                to: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkdaysDto"];
                };
            };
            /** @description Validation failed; `details` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    EvidenceController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted, with its object */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    EvidenceController_content: {
        parameters: {
            query?: {
                /** @description 1: always as an attachment */
                download?: unknown;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description Another unit's task */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The object store cannot be reached */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ExtensionsController_review: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExtensionReviewDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExtensionRequestDto"];
                };
            };
            /** @description Already decided */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    CascadeController_list: {
        parameters: {
            query?: {
                /** @description pending 待接收, accepted 已接收, all */
                status?: "pending" | "accepted" | "all";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IncomingTaskDto"][];
                };
            };
        };
    };
    CascadeController_accept: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AcceptIncomingTaskDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IncomingTaskDto"];
                };
            };
            /** @description Validation failed; `details` names each field (planId, tasks.N.units.M.unitId …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such incoming task in the actor's organization */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description ALREADY_ACCEPTED: the task was accepted before */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    MetaController_meta: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MetaDto"];
                };
            };
        };
    };
    MilestonesController_markDone: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MilestoneDto"];
                };
            };
        };
    };
    OrganizationsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationDto"][];
                };
            };
        };
    };
    OrganizationsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateOrganizationDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationDto"];
                };
            };
            /** @description Validation failed (blank or long name, kind not below the parent); `details` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description NAME_CLASH: the organization or its representing unit name is taken */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    PlansController_list: {
        parameters: {
            query?: {
                /** @description The organization whose records to list: the caller’s own by default, or one below it (staff of a parent organization); another organization’s answers 404 */
                organizationId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlanDto"][];
                };
            };
            /** @description organizationId is not the caller’s organization or one below it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    PlansController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreatePlanDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlanDto"];
                };
            };
            /** @description Validation failed; `details` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    NoticeImportController_importTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An Excel workbook (.xlsx) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
        };
    };
    PlansController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlanDetailDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    PlansController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdatePlanDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlanDetailDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    NoticeImportController_import: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ImportNoticeDto"] | components["schemas"]["ImportUploadDto"];
                "multipart/form-data": components["schemas"]["ImportNoticeDto"] | components["schemas"]["ImportUploadDto"];
            };
        };
        responses: {
            /** @description Dry run: what would change; nothing written */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportReportDto"];
                };
            };
            /** @description Committed */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportReportDto"];
                };
            };
            /** @description The body is malformed, or the file is not of a supported type; `details` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such plan */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The file is larger than IMPORT_BODY_LIMIT_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The notice has errors (nothing written), or the file cannot be read (encrypted, corrupt, empty) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportReportDto"];
                };
            };
        };
    };
    ScoringController_getRules: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlanScoringRulesDto"];
                };
            };
            /** @description Unit users do not see the 考核 (their own score is the office’s to publish) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such plan */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ScoringController_putRules: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ScoringRulesDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlanScoringRulesDto"];
                };
            };
            /** @description A rule is missing or out of range; `details` names it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unit users do not see the 考核 (their own score is the office’s to publish) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such plan */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    PlanTasksController_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTaskDto"];
            };
        };
        responses: {
            /** @description The task as GET /api/tasks/:id shows it */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskDetailDto"];
                };
            };
            /** @description Validation failed (no lead or responsible unit, an unknown unit…); `details` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such plan */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ReminderDeliveriesController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                /** @description failed: gave up after the declared attempts; retry them */
                status?: "pending" | "sent" | "failed";
                channel?: "inbox" | "email" | "webhook";
                unitId?: string;
                day?: string;
                /** @description The organization whose records to list: the caller’s own by default, or one below it (staff of a parent organization); another organization’s answers 404 */
                organizationId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReminderDeliveryPageDto"];
                };
            };
        };
    };
    ReminderDeliveriesController_retry: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReminderDeliveryDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The delivery has not failed (pending or already sent) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    RemindersController_getPolicy: {
        parameters: {
            query: {
                planId: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReminderPolicyDto"];
                };
            };
        };
    };
    RemindersController_putPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReminderPolicyDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReminderPolicyDto"];
                };
            };
        };
    };
    RemindersController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                unitId?: string;
                taskId?: string;
                kind?: "due_soon" | "report_missing" | "overdue" | "escalation" | "urge" | "unacknowledged";
                /** @description true: only unread; false: only read */
                unread?: boolean;
                /** @description The organization whose records to list: the caller’s own by default, or one below it (staff of a parent organization); another organization’s answers 404 */
                organizationId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReminderPageDto"];
                };
            };
        };
    };
    RemindersController_scan: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ScanRequestDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScanResultDto"];
                };
            };
        };
    };
    RemindersController_read: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReminderDto"];
                };
            };
        };
    };
    BulletinController_preview: {
        parameters: {
            query: {
                /** @description The plan to supervise */
                planId: string;
                /** @description The day the figures are computed for (Asia/Shanghai); defaults to today */
                asOf?: string;
                /** @description Title (default 督查通报) */
                title?: string;
                /** @description 文号 or issue line under the title */
                docNumber?: string;
                /** @description Issuing office (default 督查室) */
                issuer?: string;
                /** @description Preface paragraph(s), before the figures */
                preface?: string;
                /** @description 表扬 lines (repeat the parameter, or one line each) */
                praise?: string[];
                /** @description 通报批评 lines (repeat the parameter, or one line each) */
                criticism?: string[];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BulletinDto"];
                };
            };
            /** @description planId missing or not a UUID, asOf not a YYYY-MM-DD date, or a text too long; `details` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unit users do not see the bulletin before it is issued */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such plan */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    BulletinController_docx: {
        parameters: {
            query: {
                /** @description The plan to supervise */
                planId: string;
                /** @description The day the figures are computed for (Asia/Shanghai); defaults to today */
                asOf?: string;
                /** @description Title (default 督查通报) */
                title?: string;
                /** @description 文号 or issue line under the title */
                docNumber?: string;
                /** @description Issuing office (default 督查室) */
                issuer?: string;
                /** @description Preface paragraph(s), before the figures */
                preface?: string;
                /** @description 表扬 lines (repeat the parameter, or one line each) */
                praise?: string[];
                /** @description 通报批评 lines (repeat the parameter, or one line each) */
                criticism?: string[];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A Word document (.docx) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": string;
                };
            };
            /** @description planId missing or not a UUID, asOf not a YYYY-MM-DD date, or a text too long; `details` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unit users do not see the bulletin before it is issued */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such plan */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    BulletinController_docxFromBody: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BulletinQueryDto"];
            };
        };
        responses: {
            /** @description A Word document (.docx) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": string;
                };
            };
            /** @description planId missing or not a UUID, asOf not a YYYY-MM-DD date, or a text too long; `details` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unit users do not see the bulletin before it is issued */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such plan */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SupervisionController_dashboard: {
        parameters: {
            query: {
                /** @description The plan to supervise */
                planId: string;
                /** @description The day the figures are computed for (Asia/Shanghai); defaults to today */
                asOf?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DashboardDto"];
                };
            };
            /** @description planId missing or not a UUID, or asOf not a YYYY-MM-DD date; `details` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unit users do not see the supervisors’ views */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such plan */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SupervisionController_ledger: {
        parameters: {
            query: {
                /** @description The plan to supervise */
                planId: string;
                /** @description The day the figures are computed for (Asia/Shanghai); defaults to today */
                asOf?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An Excel workbook (.xlsx) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            /** @description planId missing or not a UUID, or asOf not a YYYY-MM-DD date; `details` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unit users do not see the supervisors’ views */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such plan */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SupervisionController_overdue: {
        parameters: {
            query: {
                /** @description The plan to supervise */
                planId: string;
                /** @description The day the figures are computed for (Asia/Shanghai); defaults to today */
                asOf?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OverdueViewDto"];
                };
            };
            /** @description planId missing or not a UUID, or asOf not a YYYY-MM-DD date; `details` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unit users do not see the supervisors’ views */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such plan */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ScoringController_scores: {
        parameters: {
            query: {
                /** @description The plan to supervise */
                planId: string;
                /** @description The day the figures are computed for (Asia/Shanghai); defaults to today */
                asOf?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScoresViewDto"];
                };
            };
            /** @description planId missing or not a UUID, or asOf not a YYYY-MM-DD date */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unit users do not see the 考核 (their own score is the office’s to publish) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such plan */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ScoringController_scoresExcel: {
        parameters: {
            query: {
                /** @description The plan to supervise */
                planId: string;
                /** @description The day the figures are computed for (Asia/Shanghai); defaults to today */
                asOf?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An Excel workbook (.xlsx) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            /** @description planId missing or not a UUID, or asOf not a YYYY-MM-DD date */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unit users do not see the 考核 (their own score is the office’s to publish) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such plan */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SupervisionController_summary: {
        parameters: {
            query: {
                /** @description The plan to supervise */
                planId: string;
                /** @description The day the figures are computed for (Asia/Shanghai); defaults to today */
                asOf?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SummaryViewDto"];
                };
            };
            /** @description planId missing or not a UUID, or asOf not a YYYY-MM-DD date; `details` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unit users do not see the supervisors’ views */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such plan */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SupervisionController_tasks: {
        parameters: {
            query: {
                /** @description The plan to supervise */
                planId: string;
                /** @description The day the figures are computed for (Asia/Shanghai); defaults to today */
                asOf?: string;
                page?: number;
                pageSize?: number;
                /** @description Tasks assigned to this unit */
                unitId?: string;
                /** @description With unitId: the unit holds this role; alone: some unit holds it */
                role?: "lead" | "responsible" | "cooperating";
                /** @description A section (its subsections included) or a subsection */
                sectionId?: string;
                status?: "not_started" | "in_progress" | "completion_requested" | "completed" | "suspended" | "cancelled";
                /** @description Where tasks come from: notice, 领导批示, 会议议定事项, 建议提案, other */
                sourceKind?: "notice" | "instruction" | "meeting" | "proposal" | "other";
                /** @description Text in the task content, or a task number */
                q?: string;
                /** @description 签收 filter. false (未签收): the unit (unitId; for a unit user, its own unit) has not signed the task — without a unit, some assigned unit has not. true: the unit has signed — without a unit, every assigned unit has. */
                acknowledged?: boolean;
                /** @description Only tasks with this light as of asOf */
                light?: "red" | "yellow" | "green" | "grey";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SupervisedTaskPageDto"];
                };
            };
            /** @description planId missing or not a UUID, or asOf not a YYYY-MM-DD date; `details` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unit users do not see the supervisors’ views */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such plan */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SupervisionController_unacknowledged: {
        parameters: {
            query: {
                /** @description The plan to supervise */
                planId: string;
                /** @description The day the figures are computed for (Asia/Shanghai); defaults to today */
                asOf?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnacknowledgedViewDto"];
                };
            };
            /** @description planId missing or not a UUID, or asOf not a YYYY-MM-DD date; `details` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unit users do not see the supervisors’ views */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such plan */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SupervisionController_units: {
        parameters: {
            query: {
                /** @description The plan to supervise */
                planId: string;
                /** @description The day the figures are computed for (Asia/Shanghai); defaults to today */
                asOf?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnitsViewDto"];
                };
            };
            /** @description planId missing or not a UUID, or asOf not a YYYY-MM-DD date; `details` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unit users do not see the supervisors’ views */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such plan */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SupervisionController_unitsExcel: {
        parameters: {
            query: {
                /** @description The plan to supervise */
                planId: string;
                /** @description The day the figures are computed for (Asia/Shanghai); defaults to today */
                asOf?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An Excel workbook (.xlsx) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            /** @description planId missing or not a UUID, or asOf not a YYYY-MM-DD date; `details` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unit users do not see the supervisors’ views */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such plan */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TasksController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                planId?: string;
                /** @description Tasks assigned to this unit */
                unitId?: string;
                /** @description With unitId: the unit holds this role; alone: some unit holds it */
                role?: "lead" | "responsible" | "cooperating";
                /** @description A section (its subsections included) or a subsection */
                sectionId?: string;
                status?: "not_started" | "in_progress" | "completion_requested" | "completed" | "suspended" | "cancelled";
                /** @description Where tasks come from: notice, 领导批示, 会议议定事项, 建议提案, other */
                sourceKind?: "notice" | "instruction" | "meeting" | "proposal" | "other";
                /** @description Text in the task content, or a task number */
                q?: string;
                /** @description 签收 filter. false (未签收): the unit (unitId; for a unit user, its own unit) has not signed the task — without a unit, some assigned unit has not. true: the unit has signed — without a unit, every assigned unit has. */
                acknowledged?: boolean;
                /** @description Keyset pagination: the `nextCursor` of the page before; the page starts after that page's last task, however deep (cannot be combined with `page`). Page numbers suit the first few pages; follow cursors past them. */
                after?: string;
                /** @description The organization whose tasks to list: the caller’s own by default (with planId: the plan’s, if the caller reads it), or one below it (staff of a parent organization); another organization’s answers 404 */
                organizationId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskPageDto"];
                };
            };
            /** @description A filter is malformed; `details` names it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TasksController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskDetailDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TaskLifecycleController_update: {
        parameters: {
            query?: never;
            header?: {
                /** @description The task version, instead of `version` in the body */
                "If-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateTaskDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskDetailDto"];
                };
            };
            /** @description Someone changed the task since you read it; nothing was written */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TasksController_acknowledge: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AcknowledgementDto"];
                };
            };
            /** @description Not a user of a unit assigned to the task */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TaskLifecycleController_cancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReasonDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskDetailDto"];
                };
            };
        };
    };
    CascadeController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskChildrenDto"];
                };
            };
            /** @description The actor may not read the task */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TaskLifecycleController_requestCompletion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CompletionRequestDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskDetailDto"];
                };
            };
            /** @description The task is not in progress */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TaskLifecycleController_reviewCompletion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CompletionReviewDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskDetailDto"];
                };
            };
            /** @description No completion was requested */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    EvidenceController_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EvidenceFileDto"][];
                };
            };
        };
    };
    EvidenceController_upload: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["EvidenceUploadDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EvidenceFileDto"][];
                };
            };
            /** @description The task is not assigned to your unit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A file is too large, or there are too many files */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A file is not an image, PDF, Word or Excel file (by its content) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The object store cannot be reached; nothing was stored */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ExtensionsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExtensionRequestDto"][];
                };
            };
        };
    };
    ExtensionsController_request: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateExtensionRequestDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExtensionRequestDto"];
                };
            };
            /** @description Past due, closed task, or a request already pending */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TaskLifecycleController_history: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskEventDto"][];
                };
            };
        };
    };
    MilestonesController_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MilestoneDto"][];
                };
            };
        };
    };
    MilestonesController_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateMilestoneDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MilestoneDto"];
                };
            };
        };
    };
    ProgressController_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProgressReportDto"][];
                };
            };
        };
    };
    ProgressController_create: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key return the same report */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateProgressReportDto"];
            };
        };
        responses: {
            /** @description Stored, or (header Idempotent-Replayed: true) the earlier one */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProgressReportDto"];
                };
            };
            /** @description The task is not assigned to your unit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The task is completed, suspended or cancelled */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TaskLifecycleController_resume: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReasonDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskDetailDto"];
                };
            };
        };
    };
    TaskLifecycleController_suspend: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReasonDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskDetailDto"];
                };
            };
        };
    };
    TargetsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskTargetsDto"];
                };
            };
            /** @description No such task */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TargetsController_update: {
        parameters: {
            query?: never;
            header?: {
                /** @description The task version, instead of `version` in the body */
                "If-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateTargetsDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskTargetsDto"];
                };
            };
            /** @description A target is malformed, or an id is not one of this task’s targets; `details` names it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such task */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Someone changed the task since you read it; nothing was written */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    RemindersController_urge: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UrgeDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReminderDto"][];
                };
            };
        };
    };
    UnitsController_listGroups: {
        parameters: {
            query?: {
                /** @description The organization whose records to list: the caller’s own by default, or one below it (staff of a parent organization); another organization’s answers 404 */
                organizationId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnitGroupDto"][];
                };
            };
            /** @description organizationId is not the caller’s organization or one below it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    UnitsController_createGroup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateUnitGroupDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnitGroupDto"];
                };
            };
            /** @description Validation failed, or a member is not a known unit */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The name or an alias is already used */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    UnitsController_list: {
        parameters: {
            query?: {
                /** @description The organization whose records to list: the caller’s own by default, or one below it (staff of a parent organization); another organization’s answers 404 */
                organizationId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnitDto"][];
                };
            };
            /** @description organizationId is not the caller’s organization or one below it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    UnitsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateUnitDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnitDto"];
                };
            };
            /** @description Validation failed; `details` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The name or an alias is already used by a unit or group */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    UnitsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateUnitDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnitDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The name or an alias is already used by another unit or group */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    UsersController_list: {
        parameters: {
            query?: {
                /** @description The organization whose records to list: the caller’s own by default, or one below it (staff of a parent organization); another organization’s answers 404 */
                organizationId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDto"][];
                };
            };
            /** @description organizationId is not the admin’s organization or one below it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    UsersController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateUserDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDto"];
                };
            };
            /** @description Username taken */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    UsersController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateUserDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    UsersController_unlock: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    HealthController_live: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
    HealthController_ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description PostgreSQL or Redis is down; `checks` says which */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
