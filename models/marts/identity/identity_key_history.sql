{{ config(
    materialized='incremental',
    unique_key=['identifier_id', 'customer_id'],
    incremental_strategy='append',
    full_refresh=false,
    on_schema_change='fail',
    post_hook="{{ delete_erased_rows(this, 'customer_id', 'identifier_type', 'identifier_value') }}",
) }}

{#- State kept across builds: every (identifier, customer_id) pair any build has produced, with
    the build that first produced it. Appended to, never rewritten (full_refresh=false keeps
    it through `dbt build --full-refresh`); customer_id_history is derived from it. -#}
-- depends_on: {{ ref('int_erased_identifiers') }}
with dim_customer_keys as (
    select * from {{ ref('dim_customer_keys') }}
),

current_pairs as (
    select
        identifier_id,
        customer_id,
        identifier_type,
        identifier_value,
        is_anchor,
        cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}' as {{ dbt.type_timestamp() }})
            as first_built_at
    from dim_customer_keys
),

final as (
    select
        -- ids
        cast(current_pairs.identifier_id as {{ dbt.type_string() }}) as identifier_id,
        cast(current_pairs.customer_id as {{ dbt.type_string() }}) as customer_id,
        -- strings
        cast(current_pairs.identifier_type as {{ dbt.type_string() }}) as identifier_type,
        cast(current_pairs.identifier_value as {{ dbt.type_string() }}) as identifier_value,
        -- booleans
        cast(current_pairs.is_anchor as boolean) as was_anchor,
        -- timestamps
        cast(current_pairs.first_built_at as {{ dbt.type_timestamp() }}) as first_built_at
    from current_pairs
    {% if is_incremental() %}
        left join {{ this }} as recorded
            on
                current_pairs.identifier_id = recorded.identifier_id
                and current_pairs.customer_id = recorded.customer_id
        where recorded.identifier_id is null
    {% endif %}
)

select * from final
