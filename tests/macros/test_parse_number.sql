{#- parse_integer / parse_decimal: plain decimal text only, no rounding, no overflow.
    Returns the cases that parse to something other than expected. -#}
with cases as (
    select
        raw_text,
        cast(expected_integer as bigint) as expected_integer,
        cast(expected_decimal as decimal(12, 3)) as expected_decimal
    from (
        values
        ('2', '2', '2'),
        ('-3', '-3', '-3'),
        ('19.99', null, '19.99'),
        ('19.999', null, '19.999'),
        ('19.9999', null, null),
        ('2.5', null, '2.5'),
        ('1e2', null, null),
        ('0x10', null, null),
        ('1_000', null, null),
        ('10,50', null, null),
        ('€10', null, null),
        ('NaN', null, null),
        ('1234567', null, '1234567'),
        ('1234567890', null, null),
        ('', null, null)
    ) as raw_cases (raw_text, expected_integer, expected_decimal)
),

parsed as (
    select
        *,
        {{ parse_integer('raw_text', max_digits=6) }} as parsed_integer,
        {{ parse_decimal('raw_text', scale=3, max_integer_digits=9) }} as parsed_decimal
    from cases
)

select *
from parsed
where
    parsed_integer is distinct from expected_integer
    or parsed_decimal is distinct from expected_decimal
