{#- Every behavioural activity (web and app events) with the session it belongs to.

    The tracker's own session id is used where the source has one (Snowplow domain_sessionid,
    the mobile client-session sessionId). Otherwise activities of one device (cookie, app device,
    else the signed-in user id) form a session until var('session_timeout_minutes') of
    inactivity pass, measured between UTC instants, so daylight-saving changes and midnight do
    not split or join sessions, and a sign-in in the middle does not split one either. CRM and
    order records are no session activity.

    Incremental over landed files (macros/incremental/sync_rows.sql): a device's sessions depend
    only on its own activities, so only the devices with a new, changed or removed activity
    are sessionized again, over their whole history (the look-back is the device's history,
    not a time window: a late event of any age joins or splits the right sessions). -#}
{{ config(
    materialized=landed_files_materialization(),
    incremental_strategy='sync',
    unique_key='activity_id',
    on_schema_change='fail',
) }}

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

{% if is_landed_files_increment() %}
    changed_devices as (
        -- devices with an activity that is new, changed (time, device) or gone since the last
        -- build: both sides of the difference between the input and the stored rows. Rows
        -- stored with another session timeout count as gone, so a changed
        -- var('session_timeout_minutes') sessionizes every device again.
        select distinct
            source_name,
            device_key
        from (
            (
                select activity_id, source_name, device_key, occurred_at from behavioural
                where tracker_session_id is null
                except
                select activity_id, source_name, device_key, occurred_at from {{ this }}
                where
                    tracker_session_id is null
                    and session_timeout_minutes = {{ var('session_timeout_minutes') }}
            )
            union all
            (
                select activity_id, source_name, device_key, occurred_at from {{ this }}
                where
                    tracker_session_id is null
                    and session_timeout_minutes = {{ var('session_timeout_minutes') }}
                except
                select activity_id, source_name, device_key, occurred_at from behavioural
                where tracker_session_id is null
            )
        ) as differences
    ),

    untracked as (
        -- the changed devices only, each with its whole history
        select behavioural.*
        from behavioural
        inner join changed_devices
            on
                behavioural.source_name = changed_devices.source_name
                and behavioural.device_key is not distinct from changed_devices.device_key
        where behavioural.tracker_session_id is null
    ),
{% else %}
    untracked as (
        select * from behavioural
        where tracker_session_id is null
    ),
{% endif %}

gaps as (
    select
        *,
        lag(occurred_at) over (
            partition by source_name, device_key order by occurred_at, activity_id
        ) as previous_occurred_at
    from untracked
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
        device_key,
        occurred_at,
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
        device_key,
        occurred_at,
        tracker_session_id,
        source_name || ':' || tracker_session_id as session_key
    from behavioural
    where tracker_session_id is not null
),

keyed as (
    select * from inferred
    union all
    select * from tracked
),

final as (
    select
        'ses_' || {{ dbt.hash('session_key') }} as session_id,
        activity_id,
        source_name,
        tracker_session_id,
        device_key,
        occurred_at,
        {{ var('session_timeout_minutes') }} as session_timeout_minutes
    from keyed
)

{#- on an increment: the inferred sessions of the changed devices, and every tracked one -#}
{{ sync_rows('final', 'activity_id', scope='stored.tracker_session_id is not null
    or stored.session_timeout_minutes <> ' ~ var('session_timeout_minutes') ~ ' or exists (
    select 1 from changed_devices
    where
        stored.source_name = changed_devices.source_name
        and stored.device_key is not distinct from changed_devices.device_key
)') }}
