-- Feed items without a link or guid (and pages imported without an address) are recognised on the
-- next pass, within their source, by their published time, their headline or their lead (see
-- src/store/unlinked.ts). The indexes hold only such rows, so they cost nothing for linked ones.
CREATE INDEX articles_unlinked_time ON articles(source_id, published_at) WHERE url IS NULL AND guid IS NULL;
CREATE INDEX articles_unlinked_headline ON articles(source_id, headline_key) WHERE url IS NULL AND guid IS NULL;
CREATE INDEX articles_unlinked_lead ON articles(source_id, lead) WHERE url IS NULL AND guid IS NULL;
