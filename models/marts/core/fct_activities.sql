with int_activities_attributed as (
    select * from {{ ref('int_activities_attributed') }}
),

int_fx_rates_valid as (
    select * from {{ ref('int_fx_rates_valid') }}
),

int_activities_sessionized as (
    select * from {{ ref('int_activities_sessionized') }}
),

converted as (
    select
        int_activities_attributed.*,
        int_activities_sessionized.session_id as derived_session_id,
        int_activities_attributed.activity_amount * int_fx_rates_valid.rate as reporting_amount,
        int_activities_attributed.activity_amount is not null
        and int_fx_rates_valid.rate is null as is_fx_rate_missing
    from int_activities_attributed
    left join int_activities_sessionized
        on int_activities_attributed.activity_id = int_activities_sessionized.activity_id
    left join int_fx_rates_valid
        on
            int_activities_attributed.currency = int_fx_rates_valid.currency
            and cast(int_activities_attributed.occurred_at as date) >= int_fx_rates_valid.valid_from
            and (
                cast(int_activities_attributed.occurred_at as date) < int_fx_rates_valid.valid_until
                or int_fx_rates_valid.valid_until is null
            )
),

final as (
    select
        -- ids
        cast(activity_id as {{ dbt.type_string() }}) as activity_id,
        cast(customer_id as {{ dbt.type_string() }}) as customer_id,
        cast(source_record_id as {{ dbt.type_string() }}) as source_record_id,
        cast(derived_session_id as {{ dbt.type_string() }}) as session_id,
        cast(session_id as {{ dbt.type_string() }}) as tracker_session_id,
        cast(order_id as {{ dbt.type_string() }}) as order_id,
        -- strings
        cast(activity_type as {{ dbt.type_string() }}) as activity_type,
        cast(activity_name as {{ dbt.type_string() }}) as activity_name,
        cast(source_name as {{ dbt.type_string() }}) as source_name,
        cast(channel as {{ dbt.type_string() }}) as channel,
        cast(attributed_identifier_type as {{ dbt.type_string() }}) as attributed_identifier_type,
        cast(attributed_identifier_value as {{ dbt.type_string() }})
            as attributed_identifier_value,
        cast(attribution_rule as {{ dbt.type_string() }}) as attribution_rule,
        cast(page_url as {{ dbt.type_string() }}) as page_url,
        cast(referrer_url as {{ dbt.type_string() }}) as referrer_url,
        cast(utm_source as {{ dbt.type_string() }}) as utm_source,
        cast(utm_medium as {{ dbt.type_string() }}) as utm_medium,
        cast(utm_campaign as {{ dbt.type_string() }}) as utm_campaign,
        cast(product_sku as {{ dbt.type_string() }}) as product_sku,
        cast(product_name as {{ dbt.type_string() }}) as product_name,
        cast(product_category as {{ dbt.type_string() }}) as product_category,
        cast(currency as {{ dbt.type_string() }}) as currency,
        cast({{ sql_string(var('reporting_currency')) }} as {{ dbt.type_string() }})
            as reporting_currency,
        -- numerics
        cast(activity_amount as decimal(38, 3)) as activity_amount,
        cast(reporting_amount as decimal(38, 3)) as reporting_amount,
        -- booleans
        cast(is_fx_rate_missing as boolean) as is_fx_rate_missing,
        -- timestamps
        cast(occurred_at as {{ dbt.type_timestamp() }}) as occurred_at
    from converted
    where not {{ is_erased_customer('customer_id') }}
)

select * from final
