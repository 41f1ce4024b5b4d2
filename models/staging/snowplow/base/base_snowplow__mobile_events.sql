{{ config(enabled=input_enabled('snowplow'), materialized='table') }}

with mobile_events as (
    select
        raw_rows.*,
        {{ row_as_json('raw_rows') }} as raw_record
    from
        {{ raw_files(
            'snowplow', 'mobile_events', var('snowplow_mobile_events_path'), 'csv'
        ) }} as raw_rows
),

typed as (
    select
        -- ids
        {{ clean_text('event_id') }} as event_id,
        {{ clean_text(json_extract_text(
            'contexts_com_snowplowanalytics_snowplow_client_session_1_0_1', '$[0].user_id'
        )) }} as device_id,
        {{ clean_text(json_extract_text(
            'contexts_com_snowplowanalytics_snowplow_client_session_1_0_1', '$[0].session_id'
        )) }} as session_id,
        {{ clean_text('user_id') }} as user_id,
        -- strings
        {{ clean_text('event_name') }} as event_name,
        {{ clean_text(json_extract_text(
            'unstruct_event_com_snowplowanalytics_mobile_screen_view_1_0_0', '$[0].name'
        )) }} as screen_name,
        lower({{ clean_text('platform') }}) as platform,
        -- timestamps
        {{ parse_timestamp_utc('collector_tstamp', var('snowplow_time_zone')) }} as collected_at,
        coalesce(
            {{ parse_timestamp_utc('derived_tstamp', var('snowplow_time_zone')) }},
            {{ parse_timestamp_utc('collector_tstamp', var('snowplow_time_zone')) }}
        ) as occurred_at,
        {{ parse_timestamp_utc('derived_tstamp', var('snowplow_time_zone')) }} as derived_at,
        -- raw
        {{ clean_text('derived_tstamp') }} as derived_tstamp_raw,
        raw_record
    from mobile_events
),

checked as (
    select
        *,
        case
            when event_id is null then 'missing event_id'
            when event_name is null then 'missing event_name'
            when collected_at is null then 'unparseable collector_tstamp'
            when derived_tstamp_raw is not null and derived_at is null
                then 'unparseable derived_tstamp'
            when device_id is null and user_id is null
                then 'no identifier: client-session userId and user_id empty'
        end as quarantine_reason
    from typed
),

final as (
    select
        *,
        {{ duplicate_rank('event_id', 'collected_at, occurred_at') }} as duplicate_rank
    from checked
)

select * from final
