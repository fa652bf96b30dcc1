/**
 * The shared mechanics of the domain's state machines (dossier, certificate,
 * appeal): each event is allowed from the states listed and leads to one state.
 * Each machine words its own refusal.
 */

export type TransitionRules<S extends string, E extends string> = Readonly<Record<E, { readonly from: readonly S[]; readonly to: S }>>;

export type Transition<S extends string> = { ok: true; to: S } | { ok: false; message: string };

/** The state `event` leads to from `state`, or the refusal worded by `refuse`. */
export function step<S extends string, E extends string>(
  rules: TransitionRules<S, E>,
  state: S,
  event: E,
  refuse: (allowedFrom: readonly S[]) => string,
): Transition<S> {
  const rule = rules[event];
  return rule.from.includes(state) ? { ok: true, to: rule.to } : { ok: false, message: refuse(rule.from) };
}

/** Events allowed from `state`, in the order the rules list them. */
export function eventsFrom<S extends string, E extends string>(rules: TransitionRules<S, E>, state: S): E[] {
  return (Object.keys(rules) as E[]).filter((e) => rules[e].from.includes(state));
}
