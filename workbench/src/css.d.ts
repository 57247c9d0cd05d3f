/** Stylesheets imported for their effect; esbuild bundles them into the workbench's one CSS file. */
declare module '*.css';
