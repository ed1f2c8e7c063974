/** The stages of a 12345 hotline appeal (工单), in order. */
export type AppealStage =
  'ACCEPTED' | 'DISPATCHED' | 'HANDLING' | 'REPLIED' | 'CLOSED' | 'CALLED_BACK' | 'RATED';
