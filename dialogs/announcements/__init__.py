"""The office's announcements: a form, a preview, one post per bound channel, then
report, edit and delete — also of what is already posted in Teams."""
