-- 005_task_role.sql — what each stored clause does (luoshi parse tasks[].role,
-- docs/document.md): a commitment, an achievement, the year's headline, a goal
-- of a five-year period, or words that frame the work. The draft ledger makes
-- rows of commitments and of the headline's targets only, and coverage does not
-- count a frame or a period's goal as a commitment the ledger missed. Clauses
-- stored before this migration read as commitments.

ALTER TABLE tasks ADD COLUMN role TEXT NOT NULL DEFAULT 'commitment'
    CHECK (role IN ('commitment', 'achievement', 'headline', 'period', 'frame'));
