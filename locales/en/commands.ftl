# chatgpt-doctor — English. The per-stage commands, watch, report.
