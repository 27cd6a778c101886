"""Meeting notices: planning, delivery, the posts themselves, and the office's tools."""
