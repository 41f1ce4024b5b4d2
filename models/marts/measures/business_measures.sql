{#- One row per day (in var('reporting_time_zone')) with at least one activity: how many
    profiles were active, known and unknown; how many profiles were new; how many anonymous
    profiles became known (their first personal identifier appeared after they were first seen);
    purchases and net revenue of the day in the reporting currency. Profiles are counted with
    their current known/unknown status. -#}
with fct_activities as (
    select * from {{ ref('fct_activities') }}
),

dim_customers as (
    select * from {{ ref('dim_customers') }}
),

dim_customer_keys as (
    select * from {{ ref('dim_customer_keys') }}
),

dated as (
    select
        fct_activities.*,
        dim_customers.is_known,
        cast(
            {{ convert_from_utc('fct_activities.occurred_at', var('reporting_time_zone')) }}
            as date
        ) as activity_date
    from fct_activities
    inner join dim_customers
        on fct_activities.customer_id = dim_customers.customer_id
),

daily_activity as (
    select
        activity_date,
        count(distinct case when is_known then customer_id end) as active_known_profile_count,
        count(distinct case when not is_known then customer_id end)
            as active_unknown_profile_count,
        sum(case when activity_type = 'order_placed' then 1 else 0 end) as order_count,
        sum(
            case
                when activity_type = 'order_placed' then coalesce(reporting_amount, 0)
                when activity_type = 'order_refunded' then -coalesce(reporting_amount, 0)
                else 0
            end
        ) as net_revenue_amount
    from dated
    group by activity_date
),

profile_firsts as (
    select
        customer_id,
        min(first_seen_at) as first_seen_at,
        min(case when not is_anonymous then first_seen_at end) as first_known_at
    from dim_customer_keys
    group by customer_id
),

profile_dates as (
    select
        first_known_at > first_seen_at as has_converted,
        cast({{ convert_from_utc('first_seen_at', var('reporting_time_zone')) }} as date)
            as first_seen_date,
        cast({{ convert_from_utc('first_known_at', var('reporting_time_zone')) }} as date)
            as first_known_date
    from profile_firsts
),

new_profiles as (
    select
        first_seen_date as activity_date,
        count(*) as new_profile_count
    from profile_dates
    group by first_seen_date
),

conversions as (
    select
        first_known_date as activity_date,
        count(*) as unknown_to_known_count
    from profile_dates
    where has_converted
    group by first_known_date
),

final as (
    select
        -- dates
        cast(daily_activity.activity_date as date) as activity_date,
        -- strings
        cast({{ sql_string(var('reporting_currency')) }} as {{ dbt.type_string() }})
            as reporting_currency,
        -- numerics
        cast(daily_activity.active_known_profile_count as bigint) as active_known_profile_count,
        cast(daily_activity.active_unknown_profile_count as bigint)
            as active_unknown_profile_count,
        cast(coalesce(new_profiles.new_profile_count, 0) as bigint) as new_profile_count,
        cast(coalesce(conversions.unknown_to_known_count, 0) as bigint) as unknown_to_known_count,
        cast(daily_activity.order_count as bigint) as order_count,
        cast(daily_activity.net_revenue_amount as decimal(38, 3)) as net_revenue_amount
    from daily_activity
    left join new_profiles
        on daily_activity.activity_date = new_profiles.activity_date
    left join conversions
        on daily_activity.activity_date = conversions.activity_date
)

select * from final
