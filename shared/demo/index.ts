export { seedDemoBoard, type SeedOptions } from './seed';
export { DEMO_PEOPLE } from './callsheet';
export { DEMO_TITLE, CAST as DEMO_CAST, SCENES as DEMO_SCENES, DAYS as DEMO_DAYS } from './production';
