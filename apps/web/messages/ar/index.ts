import common from './common.json';
import auth from './auth.json';
import visitLink from './visitLink.json';
import schedule from './schedule.json';
import guests from './guests.json';
import call from './call.json';
import history from './history.json';
import admin from './admin.json';
import profile from './profile.json';

/** The web app's Arabic catalogue, one JSON file per part of the app (see i18n/README.md). */
const messages = { common, auth, visitLink, schedule, guests, call, history, admin, profile };
export default messages;
