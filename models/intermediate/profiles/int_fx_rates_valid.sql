{#- Exchange rates as validity intervals: a rate applies from valid_from (a date) until the
    next rate for the same currency pair. Plus the identity rate for the reporting currency. -#}
with fx_rates as (
    select * from {{ ref('fx_rates') }}
),

reporting_rates as (
    select
        currency,
        to_currency,
        valid_from,
        rate
    from fx_rates
    where
        to_currency = '{{ var("reporting_currency") }}'
        and currency != '{{ var("reporting_currency") }}'
),

intervals as (
    select
        currency,
        to_currency,
        valid_from,
        lead(valid_from) over (
            partition by currency, to_currency order by valid_from
        ) as valid_until,
        rate
    from reporting_rates
),

final as (
    select * from intervals

    union all

    select
        '{{ var("reporting_currency") }}' as currency,
        '{{ var("reporting_currency") }}' as to_currency,
        cast('1900-01-01' as date) as valid_from,
        cast(null as date) as valid_until,
        cast(1 as decimal(18, 6)) as rate
)

select * from final
