/** The commands an experiment's stage allows: the same table as the API's StageRules (its 409 answers). */
export const COMMANDS = [
  'plan', 'stakeholders', 'pilot', 'participation', 'sessions', 'measurements', 'feedback', 'success-factors',
  'pilot/end', 'evaluation', 'hold', 'resume', 'adopt', 'adoption-scope', 'discontinue',
] as const;
export type Command = (typeof COMMANDS)[number];

const ALLOWED: Record<string, readonly Command[]> = {
  Idea: ['plan', 'stakeholders', 'participation', 'sessions', 'hold', 'discontinue'],
  Planned: ['plan', 'stakeholders', 'pilot', 'participation', 'sessions', 'success-factors', 'hold', 'discontinue'],
  Piloting: ['stakeholders', 'participation', 'sessions', 'measurements', 'feedback', 'success-factors', 'pilot/end', 'hold', 'discontinue'],
  Evaluating: ['stakeholders', 'participation', 'sessions', 'measurements', 'feedback', 'success-factors', 'evaluation', 'adopt', 'hold', 'discontinue'],
  OnHold: ['resume', 'discontinue'],
  Adopted: ['adoption-scope'],
  Discontinued: [],
};

export function allowedCommands(stage: string): readonly Command[] {
  return ALLOWED[stage] ?? [];
}

/** Whether the command moves the experiment to another stage (a stage-gate decision, which needs a rationale). */
export function movesStage(command: Command, stage: string, verdict?: string): boolean {
  switch (command) {
    case 'plan':
      return stage === 'Idea';
    case 'pilot':
    case 'pilot/end':
    case 'hold':
    case 'resume':
    case 'adopt':
    case 'discontinue':
      return true;
    case 'evaluation':
      return verdict === 'revise';
    default:
      return false;
  }
}

/** Commands as route segments ("pilot/end" → "pilot-end") and back. */
export const commandSlug = (c: Command) => c.replace('/', '-');
export const commandFromSlug = (slug: string): Command | null =>
  (COMMANDS as readonly string[]).find((c) => commandSlug(c as Command) === slug) as Command | undefined ?? null;
