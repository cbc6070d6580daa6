export { CallPageController } from './call-page.controller.js';
