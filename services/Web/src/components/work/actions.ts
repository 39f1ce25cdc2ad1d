// A case's buttons: exactly the actions in its allowedActions, in the order a handler works, so the
// page never offers what the API refuses nor hides what it allows. Reading is what the details button does (read-caller is shown there, callerCard.ts);
// settling on the spot happens while filing.
import { checkIn } from '../../api/dispatch';
import { accept, type CaseAction, type Incident } from '../../api/incidents';
import { announce, errorText, h } from '../../dom';
import type { ActionContext } from './context';
import { departmentsDialog, feedbackDialog } from './dialogs/departments';
import { decideDialog } from './dialogs/decide';
import { casualtiesDialog, regradeDialog } from './dialogs/grade';
import { inHandDialog } from './dialogs/inHand';
import { mediationDialog } from './dialogs/mediation';
import { mergeDialog } from './dialogs/merge';
import { addPhotoDialog, resolveDialog } from './dialogs/resolve';
import { isTextAction, textActionDialog } from './dialogs/textActions';
import { verifyDialog } from './dialogs/verify';
import { actionLabel, t } from './text';

/** The order buttons appear in: the holder's work first, then the levers of those above. */
export const buttonOrder: CaseAction[] = [
  'accept', 'department-work', 'resolve', 'note', 'add-photo', 'request-move-up', 'decide-move-up', 'verify', 'mediate',
  'call-in-departments', 'send-back', 'move-up', 'urge', 'supervise', 'pull-up', 'take-in-hand', 'sign-off', 'regrade',
  'report-casualties', 'merge',
];

export interface ButtonOptions {
  /** Actions the page shows in its own way (the board's inline department form). */
  skip?: CaseAction[];
}

export function actionButtons(ctx: ActionContext, incident: Incident, options: ButtonOptions = {}): HTMLButtonElement[] {
  const allowed = new Set(incident.allowedActions ?? []);
  return buttonOrder.filter((code) => allowed.has(code) && !options.skip?.includes(code)).flatMap((code) => buttonsFor(ctx, incident, code));
}

function button(code: CaseAction, label: string, onclick: () => void, primary = false, step?: string): HTMLButtonElement {
  return h('button', { type: 'button', class: primary ? 'primary' : null, 'data-action': code, 'data-step': step, onclick }, label);
}

/** Runs an action that needs no more words (签收, 报到) and reads again. */
async function direct(ctx: ActionContext, action: () => Promise<unknown>, done: string): Promise<void> {
  try {
    await action();
    announce(done);
    await ctx.changed();
  } catch (e) {
    announce(errorText(e), 'error');
  }
}

function buttonsFor(ctx: ActionContext, i: Incident, code: CaseAction): HTMLButtonElement[] {
  const label = actionLabel(code);
  if (isTextAction(code)) return [button(code, label, () => textActionDialog(ctx, i, code))];
  switch (code) {
    case 'accept': return [button(code, label, () => void direct(ctx, () => accept(i.id), t('done_accept')), true)];
    // The next step stands out: 签收 while waiting, then 办结.
    case 'resolve': return [button(code, label, () => resolveDialog(ctx, i), !i.allowedActions?.includes('accept'))];
    case 'add-photo': return [button(code, label, () => addPhotoDialog(ctx, i))];
    case 'decide-move-up': return [button(code, label, () => void decideDialog(ctx, i), true)];
    case 'verify': return [button(code, label, () => verifyDialog(ctx, i), true)];
    case 'mediate': return [button(code, label, () => void mediationDialog(ctx, i))];
    case 'take-in-hand': return [button(code, label, () => inHandDialog(ctx, i, code))];
    // The leader's step that closes the case he holds in hand: it stands out.
    case 'sign-off': return [button(code, label, () => inHandDialog(ctx, i, code), true)];
    case 'call-in-departments': return [button(code, label, () => void departmentsDialog(ctx, i))];
    case 'regrade': return [button(code, label, () => regradeDialog(ctx, i))];
    case 'report-casualties': return [button(code, label, () => casualtiesDialog(ctx, i))];
    case 'merge': return [button(code, label, () => mergeDialog(ctx, i))];
    case 'department-work': return departmentButtons(ctx, i);
    default: return [];
  }
}

/** 报到 until the department has checked in, and feedback on its part. Without the inbox (a page other
 * than the department's) the person gets both, against the department in his session. */
function departmentButtons(ctx: ActionContext, i: Incident): HTMLButtonElement[] {
  const departmentId = ctx.department?.id ?? ctx.user.departmentId;
  if (!departmentId) return [];
  const part = ctx.department?.part(i.id);
  const buttons: HTMLButtonElement[] = [];
  // On the department's page its inbox says whether it checked in; a part missing there is finished.
  const checkedIn = ctx.department ? !part || part.checkedInAt !== null : false;
  if (!checkedIn)
    buttons.push(button('department-work', t('action_check_in'), () => void direct(ctx, () => checkIn(i.id, departmentId), t('done_check_in')), false, 'check-in'));
  buttons.push(button('department-work', t('action_department_feedback'), () => feedbackDialog(ctx, i, departmentId), false, 'feedback'));
  return buttons;
}
