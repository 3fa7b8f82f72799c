"""Body codecs: turn a body into text fields with their context, and back into bytes."""
