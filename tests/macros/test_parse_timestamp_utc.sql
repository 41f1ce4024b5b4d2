{#- parse_timestamp_utc: offsets win, naive and day-first times are wall-clock time in the given
    zone (Europe/Amsterdam here: UTC+2 in summer, UTC+1 in winter), anything else is NULL.
    Returns the cases that parse to something other than expected. -#}
with cases as (
    select
        raw_text,
        cast(expected_text as timestamp) as expected_utc
    from (
        values
        ('2022-09-15T07:00:00Z', '2022-09-15 07:00:00'),
        ('  2022-09-15T07:00:00z ', '2022-09-15 07:00:00'),
        ('2022-09-15T09:00:00+02:00', '2022-09-15 07:00:00'),
        ('2025-01-01T08:00:00+08:00', '2025-01-01 00:00:00'),
        ('2025-01-01 08:00:00.500+08:00', '2025-01-01 00:00:00.5'),
        ('2022-09-15T09:00:00', '2022-09-15 07:00:00'),
        ('2022-09-15 09:00:00.250', '2022-09-15 07:00:00.25'),
        ('15-09-2022 9:00:00', '2022-09-15 07:00:00'),
        ('21-09-2022 09:05:00', '2022-09-21 07:05:00'),
        ('15-01-2022 9:00:00', '2022-01-15 08:00:00'),
        ('15/01/2022 09:00', '2022-01-15 08:00:00'),
        ('2022-13-45 25:61:00', null),
        ('09/15/2022 09:00', null),
        ('not a date', null),
        ('2022-09-15T09:00:00+0545', '2022-09-15 03:15:00'),
        ('2022-09-15T09:00:00-03:30', '2022-09-15 12:30:00'),
        ('2022-09-15T09:00Z', '2022-09-15 09:00:00'),
        (chr(9) || '2022-09-15T07:00:00Z' || chr(10), '2022-09-15 07:00:00'),
        ('2022-02-29T10:00:00Z', null),
        ('2022-04-31T10:00:00Z', null),
        ('2022-02-29 10:00:00', null),
        ('15-09-22 09:00:00', null),
        ('2022-09-15T09:00:00+25:00', null),
        ('1900-01-01T00:00:00Z', null),
        ('2999-01-01T00:00:00Z', null),
        ('', null)
    ) as raw_cases (raw_text, expected_text)
),

parsed as (
    select
        raw_text,
        expected_utc,
        {{ parse_timestamp_utc('raw_text', 'Europe/Amsterdam') }} as parsed_utc
    from cases
)

select *
from parsed
where parsed_utc is distinct from expected_utc
