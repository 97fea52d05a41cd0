"""The appointments API, one module per caller: ``directory`` (anyone), ``patient`` (the
signed-in patient) and ``portal`` (a verified doctor). docs/architecture.md maps every URL
prefix to its app and module."""
