{{ config(enabled=input_enabled('online_retail'), materialized='table') }}

with order_lines as (
    select
        raw_rows.*,
        {{ row_as_json('raw_rows') }} as raw_record
    from
        {{ raw_files('online_retail', 'order_lines', var('online_retail_path'), 'parquet') }}
            as raw_rows
),

typed as (
    select
        -- ids: a line has no id of its own; identical lines are duplicates (see docs)
        {{ dbt.hash('raw_record') }} as order_line_id,
        {{ clean_text(try_cast(adapter.quote('InvoiceNo'), dbt.type_string())) }} as invoice_no,
        {{ try_cast(try_cast(adapter.quote('CustomerID'), 'bigint'), dbt.type_string()) }}
            as customer_number,
        -- strings
        {{ clean_text(try_cast(adapter.quote('StockCode'), dbt.type_string())) }} as stock_code,
        {{ clean_text(try_cast(adapter.quote('Description'), dbt.type_string())) }} as product_name,
        {{ clean_text(try_cast(adapter.quote('Country'), dbt.type_string())) }} as country_name,
        -- numerics: unit_price and line_amount in var('online_retail_currency')
        {{ try_cast(adapter.quote('Quantity'), 'integer') }} as quantity,
        {{ try_cast(adapter.quote('UnitPrice'), 'decimal(38, 3)') }} as unit_price,
        -- booleans
        customerid is not null
        and customerid != floor(customerid) as is_customer_id_fractional,
        -- timestamps
        {{ convert_to_utc(try_cast(adapter.quote('InvoiceDate'), dbt.type_timestamp()),
            var('online_retail_time_zone')) }} as invoiced_at,
        -- raw
        raw_record
    from order_lines
),

checked as (
    select
        *,
        case
            when invoice_no is null then 'missing InvoiceNo'
            when invoiced_at is null then 'missing or unparseable InvoiceDate'
            when stock_code is null then 'missing StockCode'
            when quantity is null then 'missing or unparseable Quantity'
            when unit_price is null then 'missing or unparseable UnitPrice'
            when is_customer_id_fractional then 'CustomerID is not a whole number'
            -- real rows, but no customer's purchase: they would make fake buyers and orders
            when invoice_no like 'A%' then 'not a sale: accounting adjustment (InvoiceNo A…)'
            when
                customer_number is null
                and (unit_price = 0 or (quantity < 0 and invoice_no not like 'C%'))
                then 'not a sale: stock movement without a customer'
        end as quarantine_reason
    from typed
),

final as (
    select
        *,
        {{ duplicate_rank('order_line_id', 'invoiced_at') }} as duplicate_rank
    from checked
)

select * from final
