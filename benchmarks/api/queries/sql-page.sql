-- (b) as plain SQL: the raw-SQL floor (benchmarks/RawSql), newest editions only.
SELECT o.id, o.value, o.status, o.period_label, o.age_band_code, a.code AS area_code, a.name AS area_name
FROM observations AS o
JOIN dataset_versions AS v ON v.id = o.dataset_version_id AND v.is_latest
JOIN areas AS a ON a.code = o.area_code
WHERE o.indicator_code = 'reconviction-rate'
  AND o.sex = 'Female'
  AND o.area_code IN ('S12000019', 'S12000010')
ORDER BY o.period_start, a.code, o.id
LIMIT 50
