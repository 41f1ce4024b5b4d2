{#- Configuration check: every currency that seeds/config/fx_rates.csv knows (so a real
    currency, not a typo such as XYZ) and that appears in the data must have a rate to
    var('reporting_currency') on the dates it is used; otherwise its money would silently drop
    out of every measure. Fails with the currencies to add rates for. Unknown codes are not a
    configuration problem: they are listed in quality.flagged_records. -#}
with fct_activities as (
    select * from {{ ref('fct_activities') }}
),

fx_rates as (
    select * from {{ ref('fx_rates') }}
),

known_currencies as (
    select currency from fx_rates
    union distinct
    select to_currency as currency from fx_rates
)

select
    fct_activities.currency,
    {{ sql_string(var('reporting_currency')) }} as reporting_currency,
    min(fct_activities.occurred_at) as first_unconverted_at,
    count(*) as unconverted_activity_count
from fct_activities
inner join known_currencies
    on fct_activities.currency = known_currencies.currency
where fct_activities.is_fx_rate_missing
group by fct_activities.currency
