// Styles and the few Bootstrap scripts used by the server-rendered pages (/learn/ ...).
import "./theme.scss";
import "bootstrap/js/dist/collapse";
