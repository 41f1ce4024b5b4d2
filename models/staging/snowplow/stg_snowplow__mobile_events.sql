{{ config(enabled=input_enabled('snowplow')) }}

with base_snowplow__mobile_events as (
    select * from {{ ref('base_snowplow__mobile_events') }}
),

final as (
    select
        -- ids
        event_id,
        device_id,
        session_id,
        user_id,
        -- strings
        event_name,
        screen_name,
        platform,
        -- timestamps
        collected_at,
        occurred_at
    from base_snowplow__mobile_events
    where quarantine_reason is null and duplicate_rank = 1
)

select * from final
