export * from './channels';
export * from './contacts';
export * from './conversations';
export * from './files';
export * from './tenancy';
export * from './identity';
export * from './inbox';
export * from './imports';
