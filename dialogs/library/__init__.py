"""The office's library: governing documents read from PDF, Word or text files (from the
command line or sent to the bot in Teams), listed per region, replaced by newer versions."""
