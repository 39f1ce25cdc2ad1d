// The single page app's entry: styles, then the router (which loads each page when it is needed).
import './styles.css';
import { startRouter } from './router';

startRouter();
