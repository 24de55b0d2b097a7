"""canbo: records of leadership cadres and the work done on them, for provincial Organisation Boards."""
