# chatgpt-doctor — 简体中文。
