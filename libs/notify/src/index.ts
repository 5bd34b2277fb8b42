export * from './supervision-texts';
export * from './mail/mail-message';
export * from './mail/notice-mail';
export * from './mail/digest-mail';
export * from './mail/mail-transport';
export * from './calendar-feed';
export * from './mail/action-pages';
export * from './ack-batch-text';
