{#- One row per session of web or app activity. Times are UTC; session_date is the start date
    in var('reporting_time_zone') (a session from 23:50 to 00:05 counts on its start date). The
    session belongs to the profile of its last activity, so a visitor who signs in during a
    session has the whole session on the known profile. Marketing channel by the rules of
    macros/staging/marketing_channel.sql, from the session's first activity. -#}
with int_activities_sessionized as (
    select * from {{ ref('int_activities_sessionized') }}
),

int_activities_attributed as (
    select * from {{ ref('int_activities_attributed') }}
),

referrer_channels as (
    select * from {{ ref('referrer_channels') }}
),

session_activities as (
    select
        int_activities_sessionized.session_id,
        int_activities_sessionized.tracker_session_id,
        int_activities_attributed.source_name,
        int_activities_attributed.occurred_at,
        int_activities_attributed.activity_type,
        int_activities_attributed.channel,
        int_activities_attributed.page_url,
        int_activities_attributed.referrer_url,
        int_activities_attributed.utm_source,
        int_activities_attributed.utm_medium,
        int_activities_attributed.utm_campaign,
        -- one window, one sort: the first activity's position and the last activity's profile
        -- (the session's profile), both in the order (occurred_at, activity_id)
        row_number() over (
            partition by int_activities_sessionized.session_id
            order by int_activities_attributed.occurred_at, int_activities_attributed.activity_id
        ) as position_from_start,
        last_value(int_activities_attributed.customer_id) over (
            partition by int_activities_sessionized.session_id
            order by int_activities_attributed.occurred_at, int_activities_attributed.activity_id
            rows between unbounded preceding and unbounded following
        ) as session_customer_id
    from int_activities_sessionized
    inner join int_activities_attributed
        on int_activities_sessionized.activity_id = int_activities_attributed.activity_id
),

aggregated as (
    select
        session_id,
        min(source_name) as source_name,
        min(tracker_session_id) as tracker_session_id,
        min(occurred_at) as started_at,
        max(occurred_at) as ended_at,
        count(*) as activity_count,
        sum(case when activity_type = 'page_view' then 1 else 0 end) as page_view_count,
        sum(case when activity_type = 'screen_view' then 1 else 0 end) as screen_view_count,
        sum(case when activity_type = 'product_view' then 1 else 0 end) as product_view_count,
        sum(case when activity_type = 'add_to_cart' then 1 else 0 end) as add_to_cart_count,
        sum(case when activity_type = 'checkout_started' then 1 else 0 end)
            as checkout_started_count
    from session_activities
    group by session_id
),

first_activities as (
    select
        session_id,
        session_customer_id,
        channel,
        page_url as landing_page_url,
        referrer_url,
        lower(utm_source) as utm_source,
        lower(utm_medium) as utm_medium,
        utm_campaign,
        {{ url_host('referrer_url') }} as referrer_host,
        {{ url_host('page_url') }} as landing_host
    from session_activities
    where position_from_start = 1
),

referrer_hosts as (
    select distinct referrer_host
    from first_activities
    where referrer_host is not null
),

referrer_matches as (
    -- each distinct host is matched against the patterns once, not once per session
    select
        referrer_hosts.referrer_host,
        min(referrer_channels.channel) as referrer_channel
    from referrer_hosts
    inner join referrer_channels
        on {{ regex_matches('referrer_hosts.referrer_host', 'referrer_channels.host_pattern') }}
    group by referrer_hosts.referrer_host
),

final as (
    select
        -- ids
        cast(aggregated.session_id as {{ dbt.type_string() }}) as session_id,
        cast(first_activities.session_customer_id as {{ dbt.type_string() }}) as customer_id,
        cast(aggregated.tracker_session_id as {{ dbt.type_string() }}) as tracker_session_id,
        -- strings
        cast(aggregated.source_name as {{ dbt.type_string() }}) as source_name,
        cast(first_activities.landing_page_url as {{ dbt.type_string() }}) as landing_page_url,
        cast(first_activities.referrer_url as {{ dbt.type_string() }}) as referrer_url,
        cast(first_activities.utm_source as {{ dbt.type_string() }}) as utm_source,
        cast(first_activities.utm_medium as {{ dbt.type_string() }}) as utm_medium,
        cast(first_activities.utm_campaign as {{ dbt.type_string() }}) as utm_campaign,
        cast({{ marketing_channel(
            'first_activities.utm_medium', 'first_activities.utm_source',
            'first_activities.referrer_host', 'first_activities.landing_host',
            'referrer_matches.referrer_channel'
        ) }} as {{ dbt.type_string() }}) as marketing_channel,
        cast(
            case first_activities.channel
                when 'mobile_app' then 'mobile_app' else 'web_browser'
            end as {{ dbt.type_string() }}
        ) as device_type,
        -- numerics
        {%- set duration = dbt.datediff('aggregated.started_at', 'aggregated.ended_at', 'second') %}
        cast({{ duration }} as bigint) as duration_seconds,
        cast(aggregated.activity_count as bigint) as activity_count,
        cast(aggregated.page_view_count as bigint) as page_view_count,
        cast(aggregated.screen_view_count as bigint) as screen_view_count,
        cast(aggregated.product_view_count as bigint) as product_view_count,
        cast(aggregated.add_to_cart_count as bigint) as add_to_cart_count,
        cast(aggregated.checkout_started_count as bigint) as checkout_started_count,
        -- booleans
        cast(aggregated.tracker_session_id is not null as boolean) as uses_tracker_session_id,
        -- timestamps
        cast(aggregated.started_at as {{ dbt.type_timestamp() }}) as started_at,
        cast(aggregated.ended_at as {{ dbt.type_timestamp() }}) as ended_at,
        -- dates
        cast(
            {{ convert_from_utc('aggregated.started_at', var('reporting_time_zone')) }} as date
        ) as session_date
    from aggregated
    inner join first_activities
        on aggregated.session_id = first_activities.session_id
    left join referrer_matches
        on first_activities.referrer_host = referrer_matches.referrer_host
    where not {{ is_erased_customer('first_activities.session_customer_id') }}
)

select * from final
