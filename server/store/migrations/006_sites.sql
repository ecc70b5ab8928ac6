-- Sites become manageable: an admin can switch one off, and rotate its secret while the old one
-- keeps verifying userHash for a grace period (so embedding pages can be redeployed at leisure).
ALTER TABLE sites ADD COLUMN disabled boolean NOT NULL DEFAULT false;
ALTER TABLE sites ADD COLUMN previous_secret text;
ALTER TABLE sites ADD COLUMN previous_secret_expires_at timestamptz;
