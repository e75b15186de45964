-- What was wrong with a source's text the last time it was read: a charset fallback (undeclared or
-- contradicted), double-encoded UTF-8 repaired, unreadable or control characters removed. NULL when
-- the text was clean. `newsbot sources` shows it as the source's warning.
ALTER TABLE sources ADD COLUMN text_warning TEXT;
