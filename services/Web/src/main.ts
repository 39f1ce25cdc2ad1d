// The single page app's entry: styles, the session, then the router (which loads each page when it is needed).
import './styles.css';
import { startOffline } from './offline/register';
import { startRouter } from './router';
import { currentUser, restoreSession } from './session';

// Someone signed in on this browser: his session cookie becomes an access token before the first page
// asks who he is. Nobody: the sign-in page at once (signing in sets a new cookie anyway).
// Then what waited offline is sent (offline/register.ts), and the service worker keeps the pages for offline use.
const start = () => { startRouter(); startOffline(); };
if (currentUser()) void restoreSession().finally(start);
else start();
