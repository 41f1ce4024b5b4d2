{#- Exchange rates as validity intervals: a rate applies from valid_from (a date) until the
    next rate for the same currency pair, but never more than var('fx_rate_max_age_days') days
    (a stale rate is no rate: the amount is flagged instead of converted at an old price).
    Plus the identity rate for the reporting currency. -#}
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
        to_currency = {{ sql_string(var('reporting_currency')) }}
        and currency != {{ sql_string(var('reporting_currency')) }}
),

intervals as (
    select
        currency,
        to_currency,
        valid_from,
        cast(
            coalesce(
                least(
                    lead(valid_from) over (partition by currency, to_currency order by valid_from),
                    {{ dbt.dateadd('day', var('fx_rate_max_age_days'), 'valid_from') }}
                ),
                {{ dbt.dateadd('day', var('fx_rate_max_age_days'), 'valid_from') }}
            ) as date
        ) as valid_until,
        rate
    from reporting_rates
),

final as (
    select * from intervals

    union all

    select
        {{ sql_string(var('reporting_currency')) }} as currency,
        {{ sql_string(var('reporting_currency')) }} as to_currency,
        cast('1900-01-01' as date) as valid_from,
        cast(null as date) as valid_until,
        cast(1 as decimal(18, 6)) as rate
)

select * from final
