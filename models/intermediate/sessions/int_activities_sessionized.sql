{#- Every behavioural activity (web and app events) with the session it belongs to.

    The tracker's own session id is used where the source has one (Snowplow domain_sessionid,
    the mobile client-session sessionId). Otherwise activities of one device (cookie, app device,
    else the signed-in user id) form a session until var('session_timeout_minutes') of
    inactivity pass, measured between UTC instants, so daylight-saving changes and midnight do
    not split or join sessions, and a sign-in in the middle does not split one either. CRM and
    order records are no session activity. -#}
with int_activities_attributed as (
    select * from {{ ref('int_activities_attributed') }}
),

behavioural as (
    select
        activity_id,
        source_name,
        session_id as tracker_session_id,
        coalesce(cookie_id, device_id, network_user_id, user_id) as device_key,
        occurred_at
    from int_activities_attributed
    where source_name in ('shop_web', 'shop_app', 'snowplow_web', 'snowplow_mobile')
),

gaps as (
    select
        *,
        lag(occurred_at) over (
            partition by source_name, device_key order by occurred_at, activity_id
        ) as previous_occurred_at
    from behavioural
    where tracker_session_id is null
),

starts as (
    select
        *,
        case
            when previous_occurred_at is null then 1
            when
                {{ dbt.datediff('previous_occurred_at', 'occurred_at', 'second') }}
                > {{ var('session_timeout_minutes') }} * 60
                then 1
            else 0
        end as is_session_start
    from gaps
),

inferred as (
    -- keyed by the session's first activity, so older sessions keep their ids as data grows:
    -- a session runs from one start to the next, so its first activity is the latest start
    -- at or before each of its activities (the same window order as `gaps`)
    select
        activity_id,
        source_name,
        cast(null as {{ dbt.type_string() }}) as tracker_session_id,
        source_name || ':' || device_key || ':' || {{ last_value_ignore_nulls(
            'case when is_session_start = 1 then activity_id end'
        ) }} over (
            partition by source_name, device_key
            order by occurred_at, activity_id
            rows between unbounded preceding and current row
        ) as session_key
    from starts
),

tracked as (
    select
        activity_id,
        source_name,
        tracker_session_id,
        source_name || ':' || tracker_session_id as session_key
    from behavioural
    where tracker_session_id is not null
),

final as (
    select
        'ses_' || {{ dbt.hash('session_key') }} as session_id,
        activity_id,
        source_name,
        tracker_session_id
    from inferred

    union all

    select
        'ses_' || {{ dbt.hash('session_key') }} as session_id,
        activity_id,
        source_name,
        tracker_session_id
    from tracked
)

select * from final
