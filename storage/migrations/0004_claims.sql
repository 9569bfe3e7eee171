-- 0004_claims: a dispatcher claims the deliveries it is about to send
-- (storage.ClaimDeliveries), so that two dispatchers on one database never
-- send the same delivery. A claim moves next_try to the end of the
-- claimant's lease, so that no other dispatcher finds the delivery due until
-- then (a claimant that dies leaves nothing stuck), and names the claimant
-- in claimed_by, so that ReleaseDeliveries gives back only its own claims.
-- claimed_by is '' for a delivery nobody holds; RetryDeliveries clears it.
ALTER TABLE alert_deliveries ADD COLUMN claimed_by TEXT NOT NULL DEFAULT '';
