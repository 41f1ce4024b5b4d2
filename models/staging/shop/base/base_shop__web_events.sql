{{ config(
    enabled=input_enabled('demo'),
    materialized=landed_files_materialization(),
    incremental_strategy='delete+insert',
    unique_key='row_key',
    on_schema_change='fail',
) }}

{#- Incremental over landed files (macros/staging/landed_files.sql), a table over the seed. -#}
{%- set typed_columns = [
    'event_id', 'cookie_id', 'user_id', 'event_name', 'page_url', 'referrer_url',
    'utm_source', 'utm_medium', 'utm_campaign', 'product_sku', 'product_name',
    'product_category', 'occurred_at', 'event_timestamp_raw', 'raw_record', 'load_unit'
] %}

with raw_shop__web_events as (
    select
        raw_rows.*,
        {{ row_as_json('raw_rows') }} as raw_record,
        {{ load_unit('raw_rows') }} as load_unit
    from {{ shop_raw('web_events') }} as raw_rows
    {{ not_loaded_before('raw_rows', 'web_events') }}
),

typed as (
    select
        -- ids
        {{ clean_text('event_id') }} as event_id,
        {{ clean_text('cookie_id') }} as cookie_id,
        {{ clean_text('user_id') }} as user_id,
        -- strings
        {{ clean_text('event_name') }} as event_name,
        -- URLs, with any email address in them redacted (personal data stays out of the marts)
        {{ redact_email_addresses(clean_text('page_url')) }} as page_url,
        {{ redact_email_addresses(clean_text('referrer_url')) }} as referrer_url,
        {{ redact_email_addresses(clean_text('utm_source')) }} as utm_source,
        {{ redact_email_addresses(clean_text('utm_medium')) }} as utm_medium,
        {{ redact_email_addresses(clean_text('utm_campaign')) }} as utm_campaign,
        {{ clean_text('product_sku') }} as product_sku,
        {{ clean_text('product_name') }} as product_name,
        {{ clean_text('product_category') }} as product_category,
        -- timestamps
        {{ parse_timestamp_utc('event_timestamp', var('shop_time_zone')) }} as occurred_at,
        -- raw
        event_timestamp as event_timestamp_raw,
        raw_record,
        load_unit
    from raw_shop__web_events
),

candidates as (
    {{ rows_to_rank('typed', 'event_id', typed_columns) }}
),

checked as (
    select
        *,
        case
            when event_id is null then 'missing event_id'
            when event_name is null then 'missing event_name'
            when occurred_at is null then 'unparseable event_timestamp'
            when {{ is_after_build_start('occurred_at') }}
                then 'event_timestamp in the future (a wrong clock)'
            when
                cookie_id is null and user_id is null
                then 'no identifier: cookie_id and user_id empty'
            when {{ has_conflicting_versions('event_id') }}
                then 'conflicting rows share this event_id'
        end as quarantine_reason
    from candidates
),

final as (
    select
        *,
        {{ duplicate_rank('event_id', 'occurred_at', then_by='load_unit') }} as duplicate_rank,
        {{ landed_row_key('event_id') }} as row_key,
        {{ sql_string(staging_settings()) }} as staging_settings
    from checked
)

select * from final
