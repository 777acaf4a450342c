export * from './auth';
export * from './contact-import';
export * from './segments';
