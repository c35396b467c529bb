-- (a) as plain SQL: the raw-SQL floor (benchmarks/RawSql), newest edition of "reconvictions".
SELECT o.sex, o.value, o.status
FROM observations AS o
JOIN dataset_versions AS v ON v.id = o.dataset_version_id
WHERE v.dataset_code = 'reconvictions' AND v.is_latest
  AND o.indicator_code = 'reconviction-rate'
  AND o.area_code = 'S12000019'
  AND o.period_label = '2017-18'
  AND o.age_band_code = 'all'
