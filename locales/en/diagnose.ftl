# chatgpt-doctor — English. The words of the diagnosis: verdict summaries, evidence, findings.
