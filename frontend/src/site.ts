// Styles and the few Bootstrap scripts used by the server-rendered pages (/learn/ ...).
import "./theme.scss";
import "./learn.scss";
import "bootstrap/js/dist/collapse";
