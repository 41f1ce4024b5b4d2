{#- clean_text: outer white space (spaces, tabs, new lines, no-break space) goes, inner text
    stays exactly as it was, and nothing left means NULL. Returns the failing cases. -#}
with cases as (
    select
        raw_text,
        expected_text
    from (
        values
        ('  abc123 ', 'abc123'),
        (chr(9) || 'u_1' || chr(10), 'u_1'),
        (chr(160) || 'x' || chr(160), 'x'),
        ('pat lee@example.com', 'pat lee@example.com'),
        ('  a  b  ', 'a  b'),
        ('', null),
        ('   ', null),
        (chr(9) || chr(10), null),
        (null, null)
    ) as raw_cases (raw_text, expected_text)
)

select *
from cases
where {{ clean_text('raw_text') }} is distinct from expected_text
