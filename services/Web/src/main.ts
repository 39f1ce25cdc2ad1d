// The single page app's entry: styles, the session, then the router (which loads each page when it is needed).
import './styles.css';
import { startRouter } from './router';
import { currentUser, restoreSession } from './session';

// Someone signed in on this browser: his session cookie becomes an access token before the first page
// asks who he is. Nobody: the sign-in page at once (signing in sets a new cookie anyway).
if (currentUser()) void restoreSession().finally(startRouter);
else startRouter();
